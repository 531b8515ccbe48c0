import type { CanonicalOf } from "../../canonical";
import type { CurrencyPlan } from "../currency/currency-plan";
import { qboAmount, sum } from "../shared/amounts";
import { accountFor, sourceSlug, tracking, type Ctx } from "../shared/context";
import { journalEntry, ledgerLine, posting, type Leg } from "../shared/document";
import type { PlannedPosting } from "../types/plan";
import { clearing, FEE_CATEGORIES } from "./common";

// A payout moves money from clearing to the bank. In the per-transaction model every charge, refund and dispute
// already moved its own fee out of clearing (the sale's, refund's and dispute's journal entries), so the payout
// moves only what is left: its net. What no other event books becomes a line of its own, as a negative
// (fee) line of the deposit:
//  - balance transactions of type "fee" (instant-payout fees, Stripe's account fees): their net, as payout fees;
//  - fees of transactions whose own event could not book them (the pipeline names them: Stripe keeps fees in
//    the settlement currency, so a EUR charge settled in USD carries no fee of its own);
//  - a payout the source did not itemise: its stated fees, as payout fees.
// The deposit's total is then the payout's net to the cent, which is the bank-feed line it must match. A
// negative payout (refunds and disputes beyond sales: the processor debits the bank) cannot be a Deposit, which
// QuickBooks refuses below zero; it is a journal entry, Dr clearing / Cr bank, with the same fee lines.

export type PayoutOptions = { unbookedFeeSourceIds?: readonly string[] };

type FeePart = { type: keyof typeof FEE_CATEGORIES; signedMinor: number; what: string };

function unbookedParts(payout: CanonicalOf<"PAYOUT">, options: PayoutOptions): FeePart[] {
  if (payout.transactions.length === 0) {
    return payout.feesMinor !== 0 ? [{ type: "payout", signedMinor: -payout.feesMinor, what: "payout fees" }] : [];
  }
  const unbooked = new Set(options.unbookedFeeSourceIds ?? []);
  const parts: FeePart[] = [];
  for (const t of payout.transactions) {
    if (t.type === "fee") parts.push({ type: "payout", signedMinor: t.netMinor, what: `fee ${t.sourceId}` });
    else if (unbooked.has(t.sourceId) && t.feeMinor !== 0) parts.push({ type: "processing", signedMinor: -t.feeMinor, what: `fee on ${t.sourceId}` });
  }
  return parts.filter((p) => p.signedMinor !== 0);
}

export function planPayout(ctx: Ctx, cp: CurrencyPlan, options: PayoutOptions): PlannedPosting[] {
  const payout = cp.event as CanonicalOf<"PAYOUT">;
  const currency = payout.currency;
  const parts = unbookedParts(payout, options);
  const clearingMinor = payout.amountMinor - sum(parts.map((p) => p.signedMinor));
  const memo = `${ctx.sourceName} payout ${payout.sourceIds.object}${payout.arrivalDate ? `, arriving ${payout.arrivalDate.slice(0, 10)}` : ""}.${cp.memo}`;
  const bankWhat = `the ${ctx.sourceName} payout bank account`;
  const bankCategories = [`bank:${sourceSlug(ctx)}`];
  if (payout.amountMinor < 0) {
    const legs: Leg[] = [
      { categories: bankCategories, role: "bank", what: bankWhat, signedMinor: payout.amountMinor },
      { ...clearing(ctx), signedMinor: -clearingMinor },
      ...parts.map((p) => ({ categories: FEE_CATEGORIES[p.type]!, role: "expense" as const, what: `${ctx.sourceName} ${p.what}`, signedMinor: -p.signedMinor })),
    ];
    const entry = journalEntry(ctx, "JournalEntry:payout", legs, currency, memo, { extra: cp.fields, reference: payout.sourceIds.object });
    return entry ? [entry] : [];
  }
  if (payout.amountMinor === 0 && parts.length === 0) return [];
  const bank = accountFor(ctx, bankCategories, "bank", bankWhat);
  const from = accountFor(ctx, clearing(ctx).categories, "clearing", clearing(ctx).what);
  const feeLines = parts.map((p) => ({ part: p, account: accountFor(ctx, FEE_CATEGORIES[p.type]!, "expense", `${ctx.sourceName} ${p.type} fees`) }));
  const Line = [
    { Amount: qboAmount(clearingMinor, currency), DetailType: "DepositLineDetail", Description: `${ctx.sourceName} balance paid out`, DepositLineDetail: { AccountRef: from.ref, ...tracking(from.entry) } },
    ...feeLines.map(({ part, account }) => ({
      Amount: qboAmount(part.signedMinor, currency),
      DetailType: "DepositLineDetail",
      Description: `${ctx.sourceName} ${part.what}`,
      DepositLineDetail: { AccountRef: account.ref, ...tracking(account.entry) },
    })),
  ];
  return [
    posting(ctx, {
      target: "Deposit",
      entityType: "Deposit",
      body: { ...cp.fields, DepositToAccountRef: bank.ref, Line },
      amountMinor: payout.amountMinor,
      currency,
      lines: [
        ledgerLine(bank.category, bank.entry.qboAccountId, payout.amountMinor),
        ledgerLine(from.category, from.entry.qboAccountId, -clearingMinor),
        ...feeLines.map(({ part, account }) => ledgerLine(account.category, account.entry.qboAccountId, -part.signedMinor)),
      ],
      notes: cp.notes,
      memo,
      reference: payout.sourceIds.object,
    }),
  ];
}
