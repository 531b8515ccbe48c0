// End to end through the pure parts, from real recorded payloads (test/payloads, each changed only where the
// scenario says): source event -> canonical event (the normalisers) -> posting plan (the ledger). Each row
// checks what an accountant would: the QuickBooks entities, the money per account, and that the plan's totals
// are the source's to the cent.
import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import type { CanonicalEvent } from "../canonical";
import { orderWith, referenceOrder } from "../sources/shopify/test-payloads";
import { shopifyToCanonical } from "../sources/shopify/to-canonical";
import { fixture, only as onlyEvent, stripeEvent, withTransactions } from "../sources/stripe/test-kit";
import { stripeToCanonical } from "../sources/stripe/to-canonical";
import { GB, MAPPING, US, US_MC, netByAccount, only, planOf } from "./test-kit";
import type { MappingInput } from "./types/mapping";
import type { PostingPlan } from "./types/plan";

const CHARGE_ID = "ch_1PgafuB7WZ01zgkWXYmPNZs8";
const REFUND_ID = "re_1Pgc72B7WZ01zgkWqPvrRrPE";
const DISPUTE_ID = "dp_1Pgc71B7WZ01zgkWMevJiAUx";

function balanceTransaction(changes: Partial<Stripe.BalanceTransaction>): Stripe.BalanceTransaction {
  const bt = { ...fixture("balance_transaction"), ...changes };
  return { ...bt, net: bt.amount - bt.fee };
}

/** The fixture charge, captured (the fixture is an uncaptured authorisation), with the scenario's changes. */
function charge(changes: Partial<Stripe.Charge> = {}): Stripe.Charge {
  const c = { ...fixture("charge"), captured: true, ...changes };
  return { ...c, amount_captured: c.amount };
}

/** The debits minus credits of a whole plan per account: where its money went. */
function moved(plan: PostingPlan): Record<string, number> {
  const out: Record<string, number> = {};
  for (const posting of plan.postings) for (const [account, net] of Object.entries(netByAccount(posting))) out[account] = (out[account] ?? 0) + net;
  return Object.fromEntries(Object.entries(out).filter(([, net]) => net !== 0));
}

const event = (e: CanonicalEvent) => e;

// The Shopify reference order is taxed by "State Tax" at 6 %: a US company maps that rate to its tax code.
const US_SHOP: MappingInput = { ...MAPPING, entries: { ...MAPPING.entries, "tax:rate:6": { qboTaxCodeId: "6", qboAccountId: "210" }, "discounts": { qboAccountId: "403", accountType: "Income" } } };

describe("from real payloads to QuickBooks postings", () => {
  it("a Stripe charge with its fee: a sales receipt into clearing, the fee out of clearing", () => {
    const sale = onlyEvent(stripeToCanonical(stripeEvent("charge.succeeded", charge({ amount: 2500 })), withTransactions(balanceTransaction({ amount: 2500, fee: 103 }))));
    const plan = planOf(event(sale), US);
    expect(plan.postings.map((p) => p.entityType)).toEqual(["SalesReceipt", "JournalEntry"]);
    expect(only(plan, "SalesReceipt").amountMinor).toBe(2500);
    // Clearing holds the net 23.97 until the payout; revenue 25.00 and the 1.03 fee are kept apart.
    expect(moved(plan)).toEqual({ "100": 2397, "400": -2500, "600": 103 });
  });

  it("a partial refund: a refund receipt out of clearing for the refunded part only", () => {
    const refundEvent = stripeEvent("refund.created", { ...fixture("refund"), amount: 40, balance_transaction: "txn_r" });
    const refund = onlyEvent(stripeToCanonical(refundEvent, withTransactions(balanceTransaction({ id: "txn_r", type: "refund", reporting_category: "refund", source: REFUND_ID, amount: -40, fee: 0 }))));
    expect(refund).toMatchObject({ kind: "REFUND", amountMinor: 40, originalSourceId: CHARGE_ID });
    const plan = planOf(event(refund), US);
    expect(only(plan, "RefundReceipt").amountMinor).toBe(40);
    expect(moved(plan)).toEqual({ "100": -40, "400": 40 });
  });

  it("a lost dispute: the held amount written off to chargeback losses", () => {
    const withdrawal = balanceTransaction({ id: "txn_w", type: "adjustment", reporting_category: "dispute", source: DISPUTE_ID, amount: -1000, fee: 1500 });
    const opened = onlyEvent(stripeToCanonical(stripeEvent("charge.dispute.created", { ...fixture("dispute"), status: "needs_response", balance_transactions: [withdrawal] }), withTransactions()));
    const lost = onlyEvent(stripeToCanonical(stripeEvent("charge.dispute.closed", { ...fixture("dispute"), status: "lost", balance_transactions: [withdrawal] }), withTransactions()));
    // Opening: 10.00 from clearing to the holding account, the 15.00 fee expensed.
    expect(moved(planOf(event(opened), US))).toEqual({ "100": -2500, "120": 1000, "601": 1500 });
    // Lost: the holding account is written off; the fee is not booked twice.
    expect(moved(planOf(event(lost), US))).toEqual({ "120": -1000, "610": 1000 });
  });

  it("a EUR charge settled in USD: in EUR at Stripe's rate with multicurrency on, at the settled dollars with it off", () => {
    const bt = balanceTransaction({ amount: 109, fee: 33, exchange_rate: 1.0864 });
    const sale = onlyEvent(stripeToCanonical(stripeEvent("charge.succeeded", charge({ currency: "eur" })), withTransactions(bt)));
    const on = only(planOf(event(sale), US_MC), "SalesReceipt");
    expect(on.body).toMatchObject({ CurrencyRef: { value: "EUR" }, ExchangeRate: 1.0864 });
    expect(on.amountMinor).toBe(100);
    const off = only(planOf(event(sale), US), "SalesReceipt");
    expect(off.currency).toBe("USD");
    expect(off.amountMinor).toBe(109);
    expect(String(off.body.PrivateNote)).toContain("EUR");
  });

  it("a payout with fees: a deposit from clearing that equals the bank line to the cent", () => {
    const po = { ...fixture("payout"), status: "paid" as const };
    const listed = [
      balanceTransaction({ id: "txn_a", type: "charge", reporting_category: "charge", source: CHARGE_ID, amount: 1000, fee: 59 }),
      balanceTransaction({ id: "txn_b", type: "charge", reporting_category: "charge", source: "ch_second", amount: 300, fee: 41 }),
      balanceTransaction({ id: "txn_r", type: "refund", reporting_category: "refund", source: REFUND_ID, amount: -100, fee: 0 }),
      balanceTransaction({ id: "txn_1PgaxNB7WZ01zgkWEV3TLf40", type: "payout", reporting_category: "payout", source: po.id, amount: -1100, fee: 0 }),
    ];
    const payout = onlyEvent(stripeToCanonical(stripeEvent("payout.paid", po), withTransactions(...listed)));
    expect(payout).toMatchObject({ kind: "PAYOUT", amountMinor: 1100 });
    const plan = planOf(event(payout), US);
    const deposit = only(plan, "Deposit");
    expect(deposit.amountMinor).toBe(1100);
    // The charges' fees were booked with the charges, so the payout only moves the net to the bank.
    expect(moved(plan)).toEqual({ "110": 1100, "100": -1100 });
  });

  it("a Shopify order with VAT-inclusive prices in a GB company: prices kept, tax split out by QuickBooks' code", () => {
    const order = orderWith({ taxes_included: true, total_price: "587.00", currency: "GBP", presentment_currency: "GBP" });
    const sale = event(onlyEvent(shopifyToCanonical({ topic: "orders/paid", body: order, shopDomain: "jsmith.myshopify.com" })));
    expect(sale).toMatchObject({ kind: "SALE", currency: "GBP", amountMinor: 58700 });
    const gbMapping: MappingInput = { ...US_SHOP, entries: { ...US_SHOP.entries, "tax:rate:6": { qboTaxCodeId: "20", qboAccountId: "220" } } };
    const receipt = only(planOf(sale, GB, gbMapping), "SalesReceipt");
    expect(receipt.body).toMatchObject({ GlobalTaxCalculation: "TaxInclusive", DepositToAccountRef: { value: "101" } });
    expect(receipt.amountMinor).toBe(58700);
  });

  it("a US Shopify order under automated sales tax: the source's tax kept with the TxnTaxDetail override", () => {
    const sale = event(onlyEvent(shopifyToCanonical({ topic: "orders/paid", body: referenceOrder(), shopDomain: "jsmith.myshopify.com" })));
    const receipt = only(planOf(sale, US, US_SHOP), "SalesReceipt");
    const tax = sale.kind === "SALE" ? [...sale.taxes, ...sale.lines.flatMap((l) => l.taxes)].reduce((sum, t) => sum + t.amountMinor, 0) : 0;
    expect(receipt.body).toMatchObject({ TxnTaxDetail: { TxnTaxCodeRef: { value: "6" }, TotalTax: tax / 100 } });
    expect(receipt.amountMinor).toBe(sale.amountMinor);
  });
});
