import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { EVENT_ID, FIXTURE_TIME, fixture, keys, only, stripeEvent, withTransactions } from "./test-kit";
import { stripeToCanonical } from "./to-canonical";

const CHARGE_ID = "ch_1PgafuB7WZ01zgkWXYmPNZs8";
const REFUND_ID = "re_1Pgc72B7WZ01zgkWqPvrRrPE";
const BT_ID = "txn_1PgaxNB7WZ01zgkWEV3TLf40";

/** The fixture refund (succeeded, of the fixture charge), with the scenario's changes. */
function refund(changes: Partial<Stripe.Refund> = {}): Stripe.Refund {
  return { ...fixture("refund"), ...changes };
}

/** The fixture balance transaction, turned into the refund's: money out, and part of Stripe's fee back. */
function refundTransaction(amount: number, fee: number): Stripe.BalanceTransaction {
  return { ...fixture("balance_transaction"), type: "refund", reporting_category: "refund", source: REFUND_ID, amount: -amount, fee, net: -amount - fee };
}

describe("stripeToCanonical: refunds", () => {
  it("books a partial refund for its own amount, with the fee Stripe gave back", () => {
    // Changed: 0.40 of the 1.00 charge refunded; the refund's balance transaction returns 0.05 of fee.
    const event = stripeEvent("refund.created", refund({ amount: 40, balance_transaction: BT_ID }));
    const result = stripeToCanonical(event, withTransactions(refundTransaction(40, -5)));

    expect(only(result)).toMatchObject({
      kind: "REFUND",
      currency: "USD",
      amountMinor: 40,
      originalSourceId: CHARGE_ID,
      feeReturnedMinor: 5,
      occurredAt: FIXTURE_TIME,
      sourceIds: { object: REFUND_ID, event: EVENT_ID, charge: CHARGE_ID, balanceTransaction: BT_ID },
    });
    expect(keys(result)).toEqual([`stripe:refund:${REFUND_ID}`]);
  });

  it("books a refund without a fee return when Stripe kept its fee", () => {
    // Unchanged fixture refund: no balance transaction named, so no fee return is known.
    const booked = only(stripeToCanonical(stripeEvent("charge.refund.updated", refund()), withTransactions()));

    expect(booked).toMatchObject({ kind: "REFUND", amountMinor: 100, feeReturnedMinor: undefined });
  });

  it("books each refund a charge.refunded lists, and the same refund once across its events", () => {
    // Changed: the fixture charge, refunded, with the fixture refund in its (expanded) refunds list.
    const charge = fixture("charge");
    const refunded: Stripe.Charge = { ...charge, refunded: true, amount_refunded: 100, refunds: { ...charge.refunds!, data: [refund()] } };
    const fromCharge = stripeToCanonical(stripeEvent("charge.refunded", refunded), withTransactions());
    const fromRefund = stripeToCanonical(stripeEvent("refund.created", refund()), withTransactions());

    expect(fromCharge.events).toHaveLength(1);
    expect(keys(fromCharge)).toEqual(keys(fromRefund));
  });

  it("leaves charge.refunded to the refund events when it does not list the refunds", () => {
    // Changed: refunded, but the refunds list is not included (the default since API version 2022-11-15).
    const charge: Stripe.Charge = { ...fixture("charge"), refunded: true, amount_refunded: 100, refunds: undefined };
    const result = stripeToCanonical(stripeEvent("charge.refunded", charge), withTransactions());

    expect(result.events).toEqual([]);
    expect(result.ignoredBecause).toContain("booked from its own refund.created");
  });

  it("waits for a pending refund to succeed", () => {
    // Changed: the refund is still pending.
    const result = stripeToCanonical(stripeEvent("refund.created", refund({ status: "pending" })), withTransactions());

    expect(result).toEqual({ events: [], ignoredBecause: `Stripe refund ${REFUND_ID} is pending; it is booked once it succeeds.` });
  });
});
