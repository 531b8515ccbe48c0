import { describe, expect, it } from "vitest";
import { EVENT_ID, FIXTURE_TIME, fixture, keys, only, stripeEvent, withTransactions } from "./test-kit";
import { stripeToCanonical } from "./to-canonical";

const CUSTOMER_ID = "cus_QXg1o8vcGmoR32";

describe("stripeToCanonical: customers", () => {
  it("upserts a new customer, moving no money and sending no empty address", () => {
    // The fixture customer as it is: no name, email or address yet.
    const result = stripeToCanonical(stripeEvent("customer.created", fixture("customer")), withTransactions());

    const upsert = only(result);
    expect(upsert).toMatchObject({ kind: "CUSTOMER_UPSERT", currency: "USD", amountMinor: 0, occurredAt: FIXTURE_TIME, sourceIds: { object: CUSTOMER_ID, event: EVENT_ID } });
    expect(upsert.kind === "CUSTOMER_UPSERT" && upsert.customer).toEqual({ sourceId: CUSTOMER_ID });
    expect(keys(result)).toEqual([`stripe:customer_upsert:${CUSTOMER_ID}`]);
  });

  it("carries an updated customer's name, contact and address, under the same key", () => {
    // Changed: name, email, phone and address filled in; no currency yet (Stripe sets it at the first bill).
    const customer = {
      ...fixture("customer"),
      name: "Jenny Rosen",
      email: "jenny.rosen@example.com",
      phone: "+1 212 555 0100",
      currency: null,
      address: { line1: "354 Oyster Point Blvd", line2: null, city: "South San Francisco", state: "CA", postal_code: "94080", country: "US" },
    };
    const result = stripeToCanonical(stripeEvent("customer.updated", customer), withTransactions());

    expect(only(result)).toMatchObject({
      kind: "CUSTOMER_UPSERT",
      // ISO 4217's "no currency": a customer upsert moves no money and this customer has no currency yet.
      currency: "XXX",
      customer: {
        sourceId: CUSTOMER_ID,
        name: "Jenny Rosen",
        email: "jenny.rosen@example.com",
        phone: "+1 212 555 0100",
        address: { line1: "354 Oyster Point Blvd", city: "South San Francisco", region: "CA", postalCode: "94080", country: "US" },
      },
    });
    expect(keys(result)).toEqual([`stripe:customer_upsert:${CUSTOMER_ID}`]);
  });
});
