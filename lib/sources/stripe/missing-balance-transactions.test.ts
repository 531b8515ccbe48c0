import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { missingBalanceTransactions } from "./missing-balance-transactions";
import { fixture, only, stripeEvent, withTransactions } from "./test-kit";
import { stripeToCanonical } from "./to-canonical";

const BT_ID = "txn_1PgaxNB7WZ01zgkWEV3TLf40";

describe("missingBalanceTransactions", () => {
  it("names the balance transaction of a captured charge, which is then enough to book it", () => {
    // Changed: the fixture charge, captured.
    const event = stripeEvent("charge.succeeded", { ...fixture("charge"), captured: true, amount_captured: 100 });

    const missing = missingBalanceTransactions(event);
    expect(missing).toEqual({ ids: [BT_ID] });
    const fetched = withTransactions(fixture("balance_transaction"));
    expect(only(stripeToCanonical(event, fetched))).toMatchObject({ kind: "SALE", sourceIds: { balanceTransaction: BT_ID } });
  });

  it("needs nothing for an authorisation that will not be booked yet", () => {
    // The fixture charge as it is: not captured.
    expect(missingBalanceTransactions(stripeEvent("charge.succeeded", fixture("charge")))).toEqual({ ids: [] });
  });

  it("names the balance transactions of succeeded refunds only, each once", () => {
    // Changed: the charge lists a succeeded and a pending refund, and the succeeded one twice.
    const charge = fixture("charge");
    const succeeded: Stripe.Refund = { ...fixture("refund"), balance_transaction: "txn_refund" };
    const pending: Stripe.Refund = { ...fixture("refund"), id: "re_pending", status: "pending", balance_transaction: "txn_pending" };
    const event = stripeEvent("charge.refunded", { ...charge, refunds: { ...charge.refunds!, data: [succeeded, pending, succeeded] } });

    expect(missingBalanceTransactions(event)).toEqual({ ids: ["txn_refund"] });
  });

  it("needs nothing that the payload already carries expanded", () => {
    // Changed: the refund's balance transaction is expanded; a dispute always carries its own.
    const refund = stripeEvent("refund.created", { ...fixture("refund"), balance_transaction: fixture("balance_transaction") });

    expect(missingBalanceTransactions(refund)).toEqual({ ids: [] });
    expect(missingBalanceTransactions(stripeEvent("charge.dispute.created", fixture("dispute")))).toEqual({ ids: [] });
  });

  it("asks for the whole list of a paid payout", () => {
    const event = stripeEvent("payout.paid", { ...fixture("payout"), status: "paid" });

    expect(missingBalanceTransactions(event)).toEqual({ ids: [], payoutId: "po_1Pgc79B7WZ01zgkWu1KToYf4" });
  });
});
