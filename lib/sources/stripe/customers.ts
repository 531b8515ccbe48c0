import type Stripe from "stripe";
import { normalised, type Normalised } from "../../canonical";
import { currencyCode } from "./amounts";
import { isoFromUnix, present, sourceIds } from "./common";
import type { EventMeta, InputOf } from "./context";

type CustomerInput = InputOf<"CUSTOMER_UPSERT">["customer"];

// ISO 4217's code for "no currency involved". A canonical event must name a currency, and a Stripe customer has
// none until it is first billed; a customer upsert moves no money, so XXX says exactly that.
const NO_CURRENCY = "XXX";

/** `customer.created` / `customer.updated`: the customer as it is now; the key makes later updates replace it. */
export function customerToCanonical(event: EventMeta, customer: Stripe.Customer): Normalised {
  const booked: InputOf<"CUSTOMER_UPSERT"> = {
    kind: "CUSTOMER_UPSERT",
    source: "STRIPE",
    sourceIds: sourceIds({ object: customer.id, event: event.id }),
    occurredAt: isoFromUnix(event.created),
    currency: customer.currency ? currencyCode(customer.currency) : NO_CURRENCY,
    amountMinor: 0,
    description: present(customer.description),
    customer: {
      sourceId: customer.id,
      name: present(customer.name) ?? present(customer.individual_name) ?? present(customer.business_name),
      email: present(customer.email),
      companyName: present(customer.business_name),
      phone: present(customer.phone),
      address: addressOf(customer.address),
    },
  };
  return normalised([booked]);
}

function addressOf(address: Stripe.Address | null | undefined): CustomerInput["address"] {
  if (!address) return undefined;
  const mapped = {
    line1: present(address.line1),
    line2: present(address.line2),
    city: present(address.city),
    region: present(address.state),
    postalCode: present(address.postal_code),
    country: present(address.country),
  };
  // Stripe sends an address of nulls for customers without one; an empty address would blank QuickBooks' copy.
  return Object.values(mapped).some((value) => value !== undefined) ? mapped : undefined;
}
