// Events and object shapes that accounts pinned to older Stripe API versions still send. Each case starts from
// Stripe's fixture objects (test/payloads/stripe) and removes or renames only what the older version lacks.
import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { missingBalanceTransactions } from "./missing-balance-transactions";
import { fixture, keys, only, stripeEvent, withTransactions } from "./test-kit";
import { stripeToCanonical } from "./to-canonical";

const CHARGE_ID = "ch_1PgafuB7WZ01zgkWXYmPNZs8";
const DISPUTE_ID = "dp_1Pgc71B7WZ01zgkWMevJiAUx";
const INVOICE_ID = "in_1Pgc6tB7WZ01zgkWu9fdqL6I";
const PAYMENT_INTENT_ID = "pi_1PgafyB7WZ01zgkWSjxsAJo3";

type Loose = Record<string, unknown>;

/** The fixture charge as an older API version sends it: no `status` and no `amount_captured`. */
function olderCharge(changes: Loose): Loose {
  const charge: Loose = { ...fixture("charge"), ...changes };
  delete charge.status;
  delete charge.amount_captured;
  return charge;
}

const chargeTransaction = { ...fixture("balance_transaction"), fee: 33, net: 67 };

describe("stripeToCanonical: older API versions", () => {
  it("books a charge without `status` that is paid and captured as a sale", () => {
    // Changed: no status or amount_captured (older versions); captured, as a card sale is.
    const event = stripeEvent("charge.succeeded", olderCharge({ paid: true, captured: true }));
    const result = stripeToCanonical(event, withTransactions(chargeTransaction));

    expect(only(result)).toMatchObject({ kind: "SALE", amountMinor: 100, feeMinor: 33, sourceIds: { object: CHARGE_ID } });
    expect(keys(result)).toEqual([`stripe:sale:${CHARGE_ID}`]);
  });

  it("asks the shell for the fee of an older-shape charge and of the refunds an older charge lists", () => {
    const refund: Loose = { ...fixture("refund"), balance_transaction: "txn_refund" };
    delete refund.status;
    const charge = olderCharge({ paid: true });
    delete charge.captured;

    expect(missingBalanceTransactions(stripeEvent("charge.succeeded", charge))).toEqual({ ids: ["txn_1PgaxNB7WZ01zgkWEV3TLf40"] });
    expect(missingBalanceTransactions(stripeEvent("charge.refunded", { ...charge, refunds: [refund] }))).toEqual({ ids: ["txn_refund"] });
  });

  it("books a charge from before authorise-and-capture, which has no `captured` either, as a sale", () => {
    const charge = olderCharge({ paid: true });
    delete charge.captured;
    expect(only(stripeToCanonical(stripeEvent("charge.succeeded", charge), withTransactions(chargeTransaction)))).toMatchObject({ kind: "SALE", amountMinor: 100 });
  });

  it("still waits for the capture of an older-shape authorisation, and says why", () => {
    // The fixture charge is an uncaptured authorisation; older versions report it as paid: true, captured: false.
    const result = stripeToCanonical(stripeEvent("charge.succeeded", olderCharge({ paid: true })), withTransactions());
    expect(result.ignoredBecause).toContain("only authorised");
  });

  it("does not book an older-shape charge that failed (paid: false), naming what it read", () => {
    const result = stripeToCanonical(stripeEvent("charge.succeeded", olderCharge({ paid: false, captured: false })), withTransactions());
    expect(result.events).toEqual([]);
    expect(result.ignoredBecause).toBe(`Stripe charge ${CHARGE_ID} has not succeeded (it is not paid); it is booked once it does.`);
  });

  it("books the refunds an older charge.refunded lists as a plain array, without refund statuses", () => {
    // Changed: `refunds` is an array (before 2014-05-19), and the refund has no `status` (before 2017-02-14).
    const refund: Loose = { ...fixture("refund"), balance_transaction: "txn_refund" };
    delete refund.status;
    const charge = olderCharge({ paid: true, captured: true, refunded: true, amount_refunded: 100, refunds: [refund] });
    const bt = { ...fixture("balance_transaction"), id: "txn_refund", amount: -100, fee: 0, net: -100 };
    const result = stripeToCanonical(stripeEvent("charge.refunded", charge), withTransactions(bt));

    expect(only(result)).toMatchObject({ kind: "REFUND", amountMinor: 100, originalSourceId: CHARGE_ID });
  });

  it("books charge.disputed as the opened chargeback charge.dispute.created books, under the same key", () => {
    // The fixture dispute, escalated to a chargeback with its withdrawal (the fixture is an inquiry).
    const withdrawal = { ...fixture("balance_transaction"), id: "txn_dispute", type: "adjustment", reporting_category: "dispute", source: DISPUTE_ID, amount: -1000, fee: 1500, net: -2500 };
    const dispute = { ...fixture("dispute"), status: "needs_response", balance_transactions: [withdrawal] };
    const disputed = stripeToCanonical(stripeEvent("charge.disputed", dispute), withTransactions());
    const created = stripeToCanonical(stripeEvent("charge.dispute.created", dispute), withTransactions());

    expect(only(disputed)).toMatchObject({ kind: "CHARGEBACK_OPENED", amountMinor: 1000, feeMinor: 1500, disputeSourceId: DISPUTE_ID, chargeSourceId: CHARGE_ID });
    expect(keys(disputed)).toEqual(keys(created));
  });

  it("books charge.disputed whose object is the charge with the dispute inside it, as the oldest versions sent it", () => {
    // Changed: the charge carries the dispute expanded, with the single `balance_transaction` id of those versions.
    const dispute: Loose = { ...fixture("dispute"), status: "needs_response", balance_transaction: "txn_dispute" };
    delete dispute.balance_transactions;
    const charge = olderCharge({ paid: true, captured: true, disputed: true, dispute });
    const booked = only(stripeToCanonical(stripeEvent("charge.disputed", charge), withTransactions()));

    // The fee is in a balance transaction this shape only names; it reaches the books with the payout.
    expect(booked).toMatchObject({ kind: "CHARGEBACK_OPENED", amountMinor: 1000, disputeSourceId: DISPUTE_ID, chargeSourceId: CHARGE_ID, feeMinor: undefined });
  });

  it("books invoice.payment_succeeded as the invoice's payment, under invoice.paid's key", () => {
    // Changed: the fixture invoice, paid out of band (no Stripe payment named).
    const invoice = { ...fixture("invoice"), status: "paid", amount_paid: 1000, amount_remaining: 0 };
    const result = stripeToCanonical(stripeEvent("invoice.payment_succeeded", invoice), withTransactions());

    expect(only(result)).toMatchObject({ kind: "PAYMENT", amountMinor: 1000, appliedTo: [{ invoiceSourceId: INVOICE_ID, amountMinor: 1000 }] });
    expect(keys(result)).toEqual(keys(stripeToCanonical(stripeEvent("invoice.paid", invoice), withTransactions())));
  });

  it("ignores payment_intent.succeeded with the reason: its charge's own event books the money", () => {
    // Changed: the fixture payment intent, succeeded with its charge.
    const intent: Stripe.PaymentIntent = { ...fixture("payment_intent"), status: "succeeded", latest_charge: CHARGE_ID };
    const result = stripeToCanonical(stripeEvent("payment_intent.succeeded", intent), withTransactions());

    expect(result).toEqual({
      events: [],
      ignoredBecause: `Stripe payment intent ${PAYMENT_INTENT_ID} succeeded; its money is booked from its charge (${CHARGE_ID}) and that charge's own event, so booking it here too would count it twice.`,
    });
  });
});
