import { canonicalKey, type CanonicalEvent } from "../../canonical";
import type { CompanyFacts } from "../types/facts";
import type { Mapping, MappingEntry, QboAccountType } from "../types/mapping";
import type { Problem } from "../types/plan";

// Everything one plan is built from, plus the problems found on the way. Planners ask it for accounts, items and
// tax codes by category; a missing or misfit mapping becomes a Problem (collected, so one pass names them all)
// and the planner carries on with a stand-in so the remaining checks still run.

/** What an account is used for, and so which QuickBooks account types fit. */
export type AccountRole = "clearing" | "bank" | "expense" | "loss" | "holding" | "fx" | "receivable" | "income";

/** The QuickBooks account types that fit each role; the mapping screens offer exactly these (lib/mappings). */
export const FITTING: Record<AccountRole, readonly QboAccountType[]> = {
  // A processor's balance is money held elsewhere: an asset, like the bank (ACCOUNTING-FACTS: clearing account).
  clearing: ["Other Current Asset", "Bank"],
  bank: ["Bank"],
  expense: ["Expense", "Other Expense", "Cost of Goods Sold"],
  // A lost chargeback is an expense, or contra-revenue when the workspace prefers (ACCOUNTING-FACTS: disputes).
  loss: ["Expense", "Other Expense", "Cost of Goods Sold", "Income"],
  // Disputed money is still the merchant's claim while the dispute is open: a current asset.
  holding: ["Other Current Asset"],
  fx: ["Other Expense", "Other Income", "Expense", "Income"],
  receivable: ["Accounts Receivable"],
  income: ["Income", "Other Income"],
};

const ROLE_WORDS: Record<AccountRole, string> = {
  clearing: "an Other Current Asset or Bank account",
  bank: "a Bank account",
  expense: "an Expense, Other Expense or Cost of Goods Sold account",
  loss: "an Expense, Other Expense, Cost of Goods Sold or (for contra-revenue) Income account",
  holding: "an Other Current Asset account",
  fx: "an Other Expense, Other Income or Expense account",
  receivable: "an Accounts Receivable account",
  income: "an Income or Other Income account",
};

export type Ref = { value: string; name?: string };
export type Resolved = { category: string; entry: MappingEntry; ref: Ref };

export type Ctx = {
  event: CanonicalEvent;
  mapping: Mapping;
  facts: CompanyFacts;
  key: string;
  /** "Stripe", "Shopify", "your events API": how a finance person knows the source. */
  sourceName: string;
  problems: Problem[];
};

export function createCtx(event: CanonicalEvent, mapping: Mapping, facts: CompanyFacts): Ctx {
  const sourceName = event.source === "STRIPE" ? "Stripe" : event.source === "SHOPIFY" ? "Shopify" : "your events API";
  return { event, mapping, facts, key: canonicalKey(event), sourceName, problems: [] };
}

export function sourceSlug(ctx: Ctx): string {
  return ctx.event.source.toLowerCase();
}

function firstMapped(ctx: Ctx, categories: readonly string[]): [string, MappingEntry] | undefined {
  for (const category of categories) {
    const entry = ctx.mapping.entries[category];
    if (entry) return [category, entry];
  }
  return undefined;
}

const STAND_IN: Ref = { value: "unmapped" };

/** The account of the first mapped category of `categories`, checked for `role`. `what` names it for people. */
export function accountFor(ctx: Ctx, categories: readonly string[], role: AccountRole, what: string): Resolved {
  const found = firstMapped(ctx, categories);
  const category = categories[0]!;
  if (!found || !found[1].qboAccountId) {
    ctx.problems.push({ code: "UNMAPPED", category, message: `Map ${what} to ${ROLE_WORDS[role]} before this ${describe(ctx)} can post.` });
    return { category, entry: {}, ref: STAND_IN };
  }
  const [used, entry] = found;
  const name = entry.qboAccountName ?? `account ${entry.qboAccountId}`;
  if (!entry.accountType) {
    ctx.problems.push({ code: "ACCOUNT_TYPE_UNKNOWN", category: used, message: `${cap(what)} are mapped to ${name}, whose QuickBooks account type is not known; choose the account again so it can be checked.` });
  } else if (!FITTING[role].includes(entry.accountType)) {
    ctx.problems.push({
      code: "WRONG_ACCOUNT_TYPE",
      category: used,
      message: `${cap(what)} are mapped to ${name}, ${article(entry.accountType)} ${entry.accountType} account; choose ${ROLE_WORDS[role]}.`,
    });
  }
  return { category: used, entry, ref: { value: entry.qboAccountId!, ...(entry.qboAccountName ? { name: entry.qboAccountName } : {}) } };
}

/** The item a sales line goes on (revenue, shipping, tips, refunds): QuickBooks credits income through items. */
export function itemFor(ctx: Ctx, categories: readonly string[], what: string): Resolved {
  const found = firstMapped(ctx, categories);
  const category = categories[0]!;
  if (!found || !found[1].qboItemId) {
    ctx.problems.push({ code: "ITEM_REQUIRED", category, message: `Map ${what} to a QuickBooks product or service before this ${describe(ctx)} can post.` });
    return { category, entry: {}, ref: STAND_IN };
  }
  const [used, entry] = found;
  if (entry.accountType && !FITTING.income.includes(entry.accountType)) {
    ctx.problems.push({
      code: "WRONG_ACCOUNT_TYPE",
      category: used,
      message: `${cap(what)} are mapped to an item whose income account is ${article(entry.accountType)} ${entry.accountType} account; choose an item that posts to an Income account.`,
    });
  }
  return { category: used, entry, ref: { value: entry.qboItemId! } };
}

/** The mapped tax code of the first mapped category, or a problem naming the first. */
export function taxCodeFor(ctx: Ctx, categories: readonly string[], what: string): Resolved {
  const found = firstMapped(ctx, categories);
  if (!found || !found[1].qboTaxCodeId) {
    const category = categories[0]!;
    ctx.problems.push({ code: "TAX_CODE_REQUIRED", category, message: `Map ${what} to a QuickBooks tax code before this ${describe(ctx)} can post.` });
    return { category, entry: {}, ref: STAND_IN };
  }
  return { category: found[0], entry: found[1], ref: { value: found[1].qboTaxCodeId! } };
}

/** Class and department refs a mapped entry carries, for the line that uses it. */
export function tracking(entry: MappingEntry): Record<string, Ref> {
  return {
    ...(entry.qboClassId ? { ClassRef: { value: entry.qboClassId } } : {}),
    ...(entry.qboDepartmentId ? { DepartmentRef: { value: entry.qboDepartmentId } } : {}),
  };
}

function describe(ctx: Ctx): string {
  const words: Record<CanonicalEvent["kind"], string> = {
    SALE: "sale",
    INVOICE_ISSUED: "invoice",
    PAYMENT: "payment",
    REFUND: "refund",
    CHARGEBACK_OPENED: "dispute",
    CHARGEBACK_WON: "dispute",
    CHARGEBACK_LOST: "dispute",
    FEE: "fee",
    PAYOUT: "payout",
    CUSTOMER_UPSERT: "customer",
    SUBSCRIPTION_INVOICE: "subscription invoice",
  };
  return `${ctx.sourceName} ${words[ctx.event.kind]}`;
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function article(word: string): string {
  return /^[AEIOU]/.test(word) ? "an" : "a";
}
