import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { EVENT_ID, fixture, keys, only, stripeEvent, withTransactions } from "./test-kit";
import { stripeToCanonical } from "./to-canonical";

const PAYOUT_ID = "po_1Pgc79B7WZ01zgkWu1KToYf4";

/** The fixture payout (11.00 USD), paid. */
function paidPayout(): Stripe.Payout {
  return { ...fixture("payout"), status: "paid" };
}

/** The fixture balance transaction with the scenario's id, kind and amounts (net = amount - fee, as Stripe computes it). */
function transaction(id: string, kind: "charge" | "refund" | "payout", source: string, amount: number, fee: number): Stripe.BalanceTransaction {
  return { ...fixture("balance_transaction"), id, type: kind, reporting_category: kind, source, amount, fee, net: amount - fee };
}

// What the payout settled: two charges and a refund, 12.00 gross less 1.00 of fees = the 11.00 paid out. The list
// Stripe returns for a payout also holds the payout's own balance transaction (the fixture payout's id).
const chargeA = transaction("txn_charge_a", "charge", "ch_1PgafuB7WZ01zgkWXYmPNZs8", 1000, 59);
const chargeB = transaction("txn_charge_b", "charge", "ch_second", 300, 41);
const refund = transaction("txn_refund", "refund", "re_1Pgc72B7WZ01zgkWqPvrRrPE", -100, 0);
const payoutItself = transaction("txn_1PgaxNB7WZ01zgkWEV3TLf40", "payout", PAYOUT_ID, -1100, 0);

describe("stripeToCanonical: payouts", () => {
  it("books the net deposit with the gross and fees of what it settled, which add up", () => {
    const result = stripeToCanonical(stripeEvent("payout.paid", paidPayout()), withTransactions(chargeA, chargeB, refund, payoutItself));

    const payout = only(result);
    expect(payout).toMatchObject({
      kind: "PAYOUT",
      currency: "USD",
      amountMinor: 1100,
      grossMinor: 1200,
      feesMinor: 100,
      arrivalDate: "2009-02-13T23:31:30.000Z",
      sourceIds: { object: PAYOUT_ID, event: EVENT_ID },
      transactions: [
        { sourceId: "ch_1PgafuB7WZ01zgkWXYmPNZs8", type: "charge", grossMinor: 1000, feeMinor: 59, netMinor: 941 },
        { sourceId: "ch_second", type: "charge", grossMinor: 300, feeMinor: 41, netMinor: 259 },
        { sourceId: "re_1Pgc72B7WZ01zgkWqPvrRrPE", type: "refund", grossMinor: -100, feeMinor: 0, netMinor: -100 },
      ],
    });
    expect(payout.kind === "PAYOUT" && payout.grossMinor - payout.feesMinor).toBe(payout.amountMinor);
    expect(keys(result)).toEqual([`stripe:payout:${PAYOUT_ID}`]);
  });

  it("books a payout with no transactions given as gross = net and no fees", () => {
    const payout = only(stripeToCanonical(stripeEvent("payout.paid", paidPayout()), withTransactions()));

    expect(payout).toMatchObject({ kind: "PAYOUT", amountMinor: 1100, grossMinor: 1100, feesMinor: 0, transactions: [] });
  });

  it("refuses an incomplete list rather than book a deposit that does not match the bank", () => {
    const event = stripeEvent("payout.paid", paidPayout());

    expect(() => stripeToCanonical(event, withTransactions(chargeA, payoutItself))).toThrow(
      expect.objectContaining({
        code: "VALIDATION_FAILED",
        message: `The balance transactions listed for Stripe payout ${PAYOUT_ID} add up to 9.41 USD, but the payout paid 11.00 USD; the list is incomplete and will be fetched again.`,
      }),
    );
  });

  it("sorts transactions without a reporting category by their type, as Stripe documents the mapping", () => {
    // Changed: older balance transactions carry no `reporting_category` (deleted here from the fixture), only
    // `type`: a card refund, a PaymentIntent refund, a dispute withdrawal (an adjustment whose source is the
    // dispute), a Stripe fee and a charge, 11.00 net in all, as the payout paid.
    const untagged = (id: string, type: string, source: string, amount: number, fee: number): Stripe.BalanceTransaction => {
      const bt: Partial<Stripe.BalanceTransaction> = { ...fixture("balance_transaction"), id, type: type as Stripe.BalanceTransaction.Type, source, amount, fee, net: amount - fee };
      delete bt.reporting_category;
      return bt as Stripe.BalanceTransaction;
    };
    const listed = [
      untagged("txn_charge", "charge", "ch_1PgafuB7WZ01zgkWXYmPNZs8", 2000, 88),
      untagged("txn_refund", "refund", "re_1Pgc72B7WZ01zgkWqPvrRrPE", -100, 0),
      untagged("txn_payment_refund", "payment_refund", "pyr_1PgcRefundB7WZ01zgkW", -200, 0),
      untagged("txn_dispute", "adjustment", "dp_1Pgc71B7WZ01zgkWMevJiAUx", -500, 0),
      untagged("txn_other_adjustment", "adjustment", "ch_1PgafuB7WZ01zgkWXYmPNZs8", -12, 0),
      untagged("txn_stripe_fee", "stripe_fee", "txn_stripe_fee", 0, 0),
      { ...untagged("txn_payout", "payout", PAYOUT_ID, -1100, 0), id: "txn_1PgaxNB7WZ01zgkWEV3TLf40" },
    ];
    const payout = only(stripeToCanonical(stripeEvent("payout.paid", paidPayout()), withTransactions(...listed)));

    expect(payout.kind === "PAYOUT" && payout.transactions.map((t) => [t.sourceId, t.type])).toEqual([
      ["ch_1PgafuB7WZ01zgkWXYmPNZs8", "charge"],
      ["re_1Pgc72B7WZ01zgkWqPvrRrPE", "refund"],
      ["pyr_1PgcRefundB7WZ01zgkW", "refund"],
      ["dp_1Pgc71B7WZ01zgkWMevJiAUx", "dispute"],
      ["ch_1PgafuB7WZ01zgkWXYmPNZs8", "adjustment"],
      ["txn_stripe_fee", "fee"],
    ]);
  });
});
