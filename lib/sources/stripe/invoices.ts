import type Stripe from "stripe";
import { ignored, normalised, type Normalised } from "../../canonical";
import { AppError } from "../../errors/app-error";
import { currencyCode, minorUnits } from "./amounts";
import { idOf, isoFromUnix, present, sourceIds } from "./common";
import type { EventMeta, InputOf, StripeContext } from "./context";
import { invoiceLines, servicePeriod, type InvoiceOfAnyVersion } from "./invoice-lines";
import { assertInvoiceAddsUp } from "./invoice-totals";

/**
 * `invoice.finalized`: the invoice can no longer change, so it is booked. An invoice of a subscription becomes a
 * SUBSCRIPTION_INVOICE (lines carry proration and service periods), any other an INVOICE_ISSUED.
 */
export function invoiceFinalized(event: EventMeta, invoice: InvoiceOfAnyVersion, context: StripeContext): Normalised {
  const customer = customerOf(invoice);
  const { lines, taxes } = invoiceLines(invoice, context);
  assertInvoiceAddsUp(invoice, lines, taxes);
  const subscriptionId = subscriptionOf(invoice);
  const common = {
    source: "STRIPE" as const,
    sourceIds: sourceIds({ object: invoice.id, event: event.id, subscription: subscriptionId }),
    occurredAt: isoFromUnix(invoice.status_transitions?.finalized_at ?? invoice.effective_at ?? invoice.created),
    currency: currencyCode(invoice.currency),
    amountMinor: minorUnits(invoice.total, invoice.currency),
    description: present(invoice.description),
    customer,
    number: present(invoice.number),
    lines,
    taxes,
  };
  if (subscriptionId) {
    const booked: InputOf<"SUBSCRIPTION_INVOICE"> = {
      kind: "SUBSCRIPTION_INVOICE",
      ...common,
      subscriptionSourceId: subscriptionId,
      ...servicePeriod(invoice),
      // Finalised already paid happens for zero-amount invoices and customer credit; a card charge comes later.
      paid: invoice.status === "paid" || invoice.paid === true,
    };
    return normalised([booked]);
  }
  const booked: InputOf<"INVOICE_ISSUED"> = {
    kind: "INVOICE_ISSUED",
    ...common,
    dueAt: invoice.due_date === null ? undefined : isoFromUnix(invoice.due_date),
  };
  return normalised([booked]);
}

/**
 * `invoice.paid`. When Stripe collected the money (a charge or payment intent), the charge's own event books the
 * payment with Stripe's fee (charges.ts), so this event would only book it a second time. Otherwise (paid outside Stripe, or the payload
 * does not say how), it is a PAYMENT of `amount_paid` keyed on the invoice.
 */
export function invoicePaid(event: EventMeta, invoice: InvoiceOfAnyVersion): Normalised {
  const collected = stripePaymentsOf(invoice);
  if (collected.length > 0) {
    return ignored(`Stripe invoice ${invoice.id} was paid through Stripe (${collected.join(", ")}); that payment is booked from the charge's own event, with Stripe's fee.`);
  }
  if (invoice.amount_paid === 0) {
    return ignored(`Stripe invoice ${invoice.id} is settled without money received (a zero total, credit or balance); there is no payment to book.`);
  }
  const amountMinor = minorUnits(invoice.amount_paid, invoice.currency);
  const payment: InputOf<"PAYMENT"> = {
    kind: "PAYMENT",
    source: "STRIPE",
    sourceIds: sourceIds({ object: invoice.id, event: event.id, invoice: invoice.id }),
    occurredAt: isoFromUnix(invoice.status_transitions?.paid_at ?? event.created),
    currency: currencyCode(invoice.currency),
    amountMinor,
    customer: customerOf(invoice),
    appliedTo: [{ invoiceSourceId: invoice.id, amountMinor }],
    partial: invoice.amount_remaining > 0,
  };
  return normalised([payment]);
}

/**
 * The Stripe payments that paid the invoice: a charge named directly before 2025-03-31.basil; since then the
 * `payments` list (when included) names a payment intent, or a charge for payments made with the Charges API.
 */
function stripePaymentsOf(invoice: InvoiceOfAnyVersion): string[] {
  const legacy = idOf(invoice.charge);
  if (legacy) return [legacy];
  return (invoice.payments?.data ?? [])
    .filter((payment) => payment.status === "paid")
    .map((payment) => idOf(payment.payment.charge) ?? idOf(payment.payment.payment_intent))
    .filter((id): id is string => id !== undefined);
}

/** Since 2025-03-31.basil the subscription is under `parent`, which names which of its details apply; before, on the invoice. */
function subscriptionOf(invoice: InvoiceOfAnyVersion): string | undefined {
  if (invoice.parent) return invoice.parent.type === "subscription_details" ? idOf(invoice.parent.subscription_details?.subscription) : undefined;
  return idOf(invoice.subscription);
}

function customerOf(invoice: Stripe.Invoice): { sourceId: string; name?: string; email?: string } {
  const id = idOf(invoice.customer);
  if (!id) {
    throw new AppError("VALIDATION_FAILED", `Stripe invoice ${invoice.id} has no customer, so there is no one to invoice in QuickBooks.`, { invoice: invoice.id });
  }
  return { sourceId: id, name: present(invoice.customer_name), email: present(invoice.customer_email) };
}
