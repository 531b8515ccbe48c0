import type { CurrencyPlan } from "../currency/currency-plan";
import { proposedDisplayName } from "../names/display-name";
import { sourceSlug, type Ctx, type Resolved } from "../shared/context";
import { qboAmount } from "../shared/amounts";
import { journalEntry, ledgerLine, posting } from "../shared/document";
import { customerToken, postingToken } from "../shared/placeholders";
import type { Dependency, PlannedPosting } from "../types/plan";

// Pieces several planners share: the customer placeholder, the clearing leg, fee and exchange-rounding entries.

export function clearing(ctx: Ctx): { categories: string[]; role: "clearing"; what: string } {
  return { categories: [`clearing:${sourceSlug(ctx)}`], role: "clearing", what: `${ctx.sourceName} clearing` };
}

type CustomerLike = { sourceId: string; name?: string; email?: string } | undefined;

/**
 * The CustomerRef placeholder and its dependency. A QuickBooks customer has one currency, so a customer paying
 * in a foreign currency gets a customer of that currency (its name says which). A sale without a customer
 * (a guest checkout) names the source's catch-all customer when the form needs one.
 */
export function customerRef(ctx: Ctx, customer: CustomerLike, currency: string): { ref: { value: string; name: string }; dependency: Dependency } {
  const label = ctx.event.source === "API" ? "Events API" : ctx.sourceName;
  const who = customer ?? { sourceId: "guest", name: `${label} sales` };
  const foreign = currency === ctx.facts.homeCurrency ? undefined : currency;
  const sourceId = foreign ? `${who.sourceId}:${foreign}` : who.sourceId;
  const displayName = proposedDisplayName(who, label, foreign);
  const token = customerToken(sourceSlug(ctx), sourceId);
  return {
    ref: { value: token, name: displayName },
    dependency: { kind: "customer", token, source: sourceSlug(ctx), sourceId: who.sourceId, displayName, ...(who.email ? { email: who.email } : {}), currency },
  };
}

export const FEE_CATEGORIES: Record<string, string[]> = {
  processing: ["fees:processing"],
  dispute: ["fees:dispute", "fees:processing"],
  payout: ["fees:payout", "fees:processing"],
  currency: ["fees:currency", "fees:processing"],
  subscription: ["fees:subscription", "fees:processing"],
  other: ["fees:other", "fees:processing"],
};

/** Dr fee expense / Cr clearing (charged), or the reverse (returned). */
export function feeJournal(ctx: Ctx, target: string, type: keyof typeof FEE_CATEGORIES, minor: number | undefined, cp: CurrencyPlan, direction: "charged" | "returned", memo: string): PlannedPosting | undefined {
  if (!minor) return undefined;
  const sign = direction === "charged" ? 1 : -1;
  return journalEntry(
    ctx,
    target,
    [
      { categories: FEE_CATEGORIES[type] ?? FEE_CATEGORIES.processing!, role: "expense", what: `${ctx.sourceName} ${type} fees`, signedMinor: sign * minor },
      { ...clearing(ctx), signedMinor: -sign * minor },
    ],
    cp.event.currency,
    memo,
    { extra: cp.fields },
  );
}

/**
 * Multicurrency only: QuickBooks books clearing at amount x rate, rounded; the processor settled a figure that
 * can differ by a cent. The difference is booked to exchange gain or loss so clearing holds what was settled.
 * `flow` is +1 when money came into clearing, -1 when it left.
 */
export function fxRoundingJournal(ctx: Ctx, cp: CurrencyPlan, flow: 1 | -1, memo: string): PlannedPosting | undefined {
  if (!cp.rounding) return undefined;
  const difference = flow * (cp.rounding.settledHomeMinor - cp.rounding.computedHomeMinor);
  if (difference === 0) return undefined;
  return journalEntry(
    ctx,
    "JournalEntry:fx",
    [
      { ...clearing(ctx), signedMinor: difference },
      { categories: ["fx:gain-loss"], role: "fx", what: "exchange gains and losses", signedMinor: -difference },
    ],
    ctx.facts.homeCurrency,
    `${memo} Exchange rounding on settlement.`,
  );
}

/**
 * The Payment that settles this event's own Invoice in full, into clearing (a sale booked as Invoice + Payment,
 * a subscription invoice already paid when issued): Dr clearing, Cr A/R, linked to the Invoice of the same plan.
 */
export function paymentOfOwnInvoice(
  ctx: Ctx,
  input: { cp: CurrencyPlan; customer: ReturnType<typeof customerRef>; account: Resolved; totalMinor: number; currency: string; memo: string; reference: string },
): PlannedPosting {
  const { cp, customer, account, totalMinor, currency, memo, reference } = input;
  const token = postingToken(ctx.key, "Invoice");
  return posting(ctx, {
    target: "Payment",
    entityType: "Payment",
    body: {
      ...cp.fields,
      CustomerRef: customer.ref,
      TotalAmt: qboAmount(totalMinor, currency),
      DepositToAccountRef: account.ref,
      Line: [{ Amount: qboAmount(totalMinor, currency), LinkedTxn: [{ TxnId: token, TxnType: "Invoice" }] }],
    },
    amountMinor: totalMinor,
    currency,
    lines: [ledgerLine(account.category, account.entry.qboAccountId, totalMinor), ledgerLine("accounts-receivable", undefined, -totalMinor)],
    dependsOn: [customer.dependency, { kind: "posting", token, eventKey: ctx.key, target: "Invoice" }],
    memo,
    reference,
  });
}
