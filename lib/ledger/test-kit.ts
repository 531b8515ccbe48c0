// Shared by the ledger's tests: a fully mapped workspace, company facts per country, and a ledger reader.
import type { CanonicalEventInput } from "../canonical";
import { planPostings, type PlanOptions } from "./plan-postings";
import type { CompanyFacts } from "./types/facts";
import type { MappingInput } from "./types/mapping";
import type { PlannedPosting, PostingPlan } from "./types/plan";

export const US: CompanyFacts = { homeCurrency: "USD", multicurrencyEnabled: false, country: "US", taxModel: "US-AST" };
export const US_MC: CompanyFacts = { ...US, multicurrencyEnabled: true };
export const GB: CompanyFacts = { homeCurrency: "GBP", multicurrencyEnabled: false, country: "GB", taxModel: "GB-VAT" };

export const MAPPING: MappingInput = {
  entries: {
    "clearing:stripe": { qboAccountId: "100", qboAccountName: "Stripe Clearing", accountType: "Other Current Asset" },
    "clearing:shopify": { qboAccountId: "101", qboAccountName: "Shopify Clearing", accountType: "Other Current Asset" },
    "bank:stripe": { qboAccountId: "110", qboAccountName: "Checking", accountType: "Bank" },
    revenue: { qboItemId: "1", qboAccountId: "400", accountType: "Income" },
    "revenue:category:Books": { qboItemId: "2", qboAccountId: "401", accountType: "Income" },
    shipping: { qboItemId: "3", qboAccountId: "402", accountType: "Income" },
    "fees:processing": { qboAccountId: "600", qboAccountName: "Merchant fees", accountType: "Expense" },
    "fees:dispute": { qboAccountId: "601", accountType: "Expense" },
    "fees:payout": { qboAccountId: "602", accountType: "Expense" },
    "disputes:holding": { qboAccountId: "120", accountType: "Other Current Asset" },
    "disputes:loss": { qboAccountId: "610", accountType: "Expense" },
    "fx:gain-loss": { qboAccountId: "700", accountType: "Other Expense" },
    receivable: { qboAccountId: "130", accountType: "Accounts Receivable" },
    "tax:US-NY": { qboTaxCodeId: "5", qboAccountId: "210" },
    "tax:GB": { qboTaxCodeId: "20", qboAccountId: "220" },
    "tax:exempt": { qboTaxCodeId: "21" },
  },
  settings: { sales: "SalesReceipt", refunds: "RefundReceipt" },
};

export function planOf(event: CanonicalEventInput, facts: CompanyFacts = US, mapping: MappingInput = MAPPING, options: PlanOptions = {}): PostingPlan {
  const result = planPostings(event, mapping, facts, options);
  if (!result.ok) throw new Error(`Expected a plan, got problems: ${result.problems.map((p) => p.message).join(" | ")}`);
  return result.plan;
}

/** Net debit per account id (or category when QuickBooks picks the account) of one posting. */
export function netByAccount(posting: PlannedPosting): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of posting.lines) {
    const key = line.qboAccountId ?? line.category;
    out[key] = (out[key] ?? 0) + line.debitMinor - line.creditMinor;
  }
  return out;
}

export function only(plan: PostingPlan, target: string): PlannedPosting {
  const found = plan.postings.find((p) => p.target === target);
  if (!found) throw new Error(`No ${target} in ${plan.postings.map((p) => p.target).join(", ")}`);
  return found;
}

const base = { occurredAt: "2026-03-14T15:00:00Z" };

export const EVENTS = {
  stripeSale: {
    kind: "SALE", source: "STRIPE", ...base, sourceIds: { object: "ch_1" }, currency: "USD", amountMinor: 10000, feeMinor: 320,
    customer: { sourceId: "cus_1", name: "Jane Doe" },
    lines: [{ description: "Widget", quantity: "2", unitAmountMinor: 5000, amountMinor: 10000 }],
  },
  usOrder: {
    kind: "SALE", source: "STRIPE", ...base, sourceIds: { object: "ch_2", order: "#1001" }, currency: "USD", amountMinor: 11388,
    lines: [
      { description: "Novel", quantity: "1", amountMinor: 6000, category: "Books", taxes: [{ name: "NY State", ratePercent: "8.875", jurisdiction: "US-NY", amountMinor: 533, inclusive: false }] },
      { description: "Mug", quantity: "1", amountMinor: 4000, taxes: [{ name: "NY State", ratePercent: "8.875", jurisdiction: "US-NY", amountMinor: 355, inclusive: false }] },
    ],
    shippingMinor: 500,
  },
  gbOrder: {
    kind: "SALE", source: "SHOPIFY", ...base, sourceIds: { object: "gid-1", order: "#GB1" }, currency: "GBP", amountMinor: 12000,
    lines: [{ description: "Tea set", quantity: "1", amountMinor: 12000, taxes: [{ name: "VAT", ratePercent: "20", jurisdiction: "GB", amountMinor: 2000, inclusive: true }] }],
  },
  eurSale: {
    kind: "SALE", source: "STRIPE", ...base, sourceIds: { object: "ch_eur" }, currency: "EUR", amountMinor: 10000,
    settlement: { currency: "USD", amountMinor: 10850, exchangeRate: "1.085" },
    lines: [{ description: "Course", quantity: "1", amountMinor: 10000 }],
  },
  partialRefund: {
    kind: "REFUND", source: "STRIPE", ...base, sourceIds: { object: "re_1", charge: "ch_2" }, currency: "USD", amountMinor: 5694, originalSourceId: "ch_2",
  },
  disputeOpened: { kind: "CHARGEBACK_OPENED", source: "STRIPE", ...base, sourceIds: { object: "dp_1" }, currency: "USD", amountMinor: 10000, disputeSourceId: "dp_1", chargeSourceId: "ch_1", feeMinor: 1500 },
  disputeLost: { kind: "CHARGEBACK_LOST", source: "STRIPE", ...base, sourceIds: { object: "dp_1" }, currency: "USD", amountMinor: 10000, disputeSourceId: "dp_1", chargeSourceId: "ch_1", feeMinor: 1500 },
  disputeWon: { kind: "CHARGEBACK_WON", source: "STRIPE", ...base, sourceIds: { object: "dp_1" }, currency: "USD", amountMinor: 10000, disputeSourceId: "dp_1", chargeSourceId: "ch_1", feeMinor: 1500 },
  fee: { kind: "FEE", source: "STRIPE", ...base, sourceIds: { object: "fee_1" }, currency: "USD", amountMinor: 200, feeType: "payout" },
  payout: {
    kind: "PAYOUT", source: "STRIPE", ...base, sourceIds: { object: "po_1" }, currency: "USD", amountMinor: 9430, grossMinor: 10000, feesMinor: 570,
    transactions: [
      { sourceId: "ch_1", type: "charge", grossMinor: 10000, feeMinor: 320, netMinor: 9680 },
      { sourceId: "fee_po", type: "fee", grossMinor: -250, feeMinor: 0, netMinor: -250 },
    ],
  },
  negativePayout: { kind: "PAYOUT", source: "STRIPE", ...base, sourceIds: { object: "po_neg" }, currency: "USD", amountMinor: -2500, grossMinor: -2500, feesMinor: 0 },
  invoice: {
    kind: "INVOICE_ISSUED", source: "STRIPE", ...base, sourceIds: { object: "in_1" }, currency: "USD", amountMinor: 20000, number: "INV-0001",
    customer: { sourceId: "cus_1", name: "Jane Doe" }, lines: [{ description: "Consulting", quantity: "4", unitAmountMinor: 5000, amountMinor: 20000 }],
  },
  subscription: {
    kind: "SUBSCRIPTION_INVOICE", source: "STRIPE", ...base, sourceIds: { object: "in_2" }, currency: "USD", amountMinor: 1500, subscriptionSourceId: "sub_1", paid: true,
    periodStart: "2026-03-01T00:00:00Z", periodEnd: "2026-04-01T00:00:00Z", customer: { sourceId: "cus_1" },
    lines: [
      { description: "Pro plan", quantity: "1", amountMinor: 3000 },
      { description: "Unused time on Basic", quantity: "1", amountMinor: -1500, proration: true, periodStart: "2026-03-14T00:00:00Z", periodEnd: "2026-04-01T00:00:00Z" },
    ],
  },
  splitPayment: {
    kind: "PAYMENT", source: "STRIPE", ...base, sourceIds: { object: "py_1" }, currency: "USD", amountMinor: 15000, partial: true,
    customer: { sourceId: "cus_1", name: "Jane Doe" },
    appliedTo: [{ invoiceSourceId: "in_1", amountMinor: 12000 }, { invoiceSourceId: "in_3", amountMinor: 3000 }],
  },
} satisfies Record<string, CanonicalEventInput>;
