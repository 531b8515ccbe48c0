import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { FIXTURE_TIME, fixture, keys, only, stripeEvent, withTransactions } from "./test-kit";
import { stripeToCanonical } from "./to-canonical";

const DISPUTE_ID = "dp_1Pgc71B7WZ01zgkWMevJiAUx";
const CHARGE_ID = "ch_1PgafuB7WZ01zgkWXYmPNZs8";

/** The fixture balance transaction as a dispute's: `amount` moved and a 15.00 fee taken (negative: returned). */
function disputeTransaction(id: string, amount: number, fee: number): Stripe.BalanceTransaction {
  return { ...fixture("balance_transaction"), id, type: "adjustment", reporting_category: "dispute", source: DISPUTE_ID, amount, fee, net: amount - fee };
}

const withdrawal = disputeTransaction("txn_dispute_withdrawal", -1000, 1500);
const reinstatement = disputeTransaction("txn_dispute_reinstatement", 1000, -1500);

/** The fixture dispute (an inquiry for 10.00) with the scenario's status and balance transactions. */
function dispute(status: Stripe.Dispute.Status, balanceTransactions: Stripe.BalanceTransaction[]): Stripe.Dispute {
  return { ...fixture("dispute"), status, balance_transactions: balanceTransactions };
}

describe("stripeToCanonical: disputes", () => {
  it.each([
    {
      scenario: "an opened chargeback takes the disputed amount and the dispute fee",
      type: "charge.dispute.created",
      dispute: dispute("needs_response", [withdrawal]),
      expected: { kind: "CHARGEBACK_OPENED", amountMinor: 1000, feeMinor: 1500 },
    },
    {
      scenario: "a won dispute brings the amount back, with the fee Stripe returned",
      type: "charge.dispute.closed",
      dispute: dispute("won", [withdrawal, reinstatement]),
      expected: { kind: "CHARGEBACK_WON", amountMinor: 1000, feeMinor: 1500 },
    },
    {
      scenario: "a lost dispute makes the loss and the fee final",
      type: "charge.dispute.closed",
      dispute: dispute("lost", [withdrawal]),
      expected: { kind: "CHARGEBACK_LOST", amountMinor: 1000, feeMinor: 1500 },
    },
  ])("$scenario", ({ type, dispute, expected }) => {
    const booked = only(stripeToCanonical(stripeEvent(type, dispute), withTransactions()));

    expect(booked).toMatchObject({
      ...expected,
      currency: "USD",
      disputeSourceId: DISPUTE_ID,
      chargeSourceId: CHARGE_ID,
      reason: "general",
      sourceIds: { object: DISPUTE_ID, charge: CHARGE_ID },
    });
  });

  it("keeps an opened and a lost chargeback of one dispute apart, and a repeated opening as one", () => {
    const opened = stripeToCanonical(stripeEvent("charge.dispute.created", dispute("needs_response", [withdrawal])), withTransactions());
    const withdrawn = stripeToCanonical(stripeEvent("charge.dispute.funds_withdrawn", dispute("needs_response", [withdrawal])), withTransactions());
    const lost = stripeToCanonical(stripeEvent("charge.dispute.closed", dispute("lost", [withdrawal])), withTransactions());

    expect(keys(opened)).toEqual([`stripe:chargeback_opened:${DISPUTE_ID}`]);
    expect(keys(withdrawn)).toEqual(keys(opened));
    expect(keys(lost)).toEqual([`stripe:chargeback_lost:${DISPUTE_ID}`]);
    expect(only(opened).occurredAt).toBe(FIXTURE_TIME);
  });

  it("does not book an inquiry, which takes no money", () => {
    // The fixture dispute as it is: a Visa inquiry (warning_needs_response) with no balance transactions.
    const result = stripeToCanonical(stripeEvent("charge.dispute.created", fixture("dispute")), withTransactions());

    expect(result.events).toEqual([]);
    expect(result.ignoredBecause).toContain("is an inquiry");
  });

  it("ignores a dispute closed without a money outcome, with the reason", () => {
    // Changed: the inquiry closed without escalating.
    const result = stripeToCanonical(stripeEvent("charge.dispute.closed", dispute("warning_closed", [])), withTransactions());

    expect(result).toEqual({ events: [], ignoredBecause: `Stripe dispute ${DISPUTE_ID} closed as "warning_closed", which moves no money; nothing is booked.` });
  });
});
