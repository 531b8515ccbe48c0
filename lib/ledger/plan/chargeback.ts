import type { CanonicalOf } from "../../canonical";
import type { CurrencyPlan } from "../currency/currency-plan";
import type { Ctx } from "../shared/context";
import { journalEntry, type Leg } from "../shared/document";
import type { PlannedPosting } from "../types/plan";
import { clearing, feeJournal } from "./common";

// Disputes in three phases (ACCOUNTING-FACTS: disputes), each a journal entry:
//  - opened: the disputed amount leaves clearing for a holding asset (Dr disputes:holding, Cr clearing), the
//    dispute fee is expensed (Dr fees:dispute, Cr clearing);
//  - won: the amount comes back (Dr clearing, Cr disputes:holding), and a returned fee leaves the expense;
//  - lost: the holding is written off (Dr disputes:loss, Cr disputes:holding). disputes:loss may be an expense
//    or a contra-revenue (Income) account, per mapping. The fee is not booked again: it was expensed when the
//    dispute opened, and Stripe's lost event repeats the fee charged then.

type Chargeback = CanonicalOf<"CHARGEBACK_OPENED"> | CanonicalOf<"CHARGEBACK_WON"> | CanonicalOf<"CHARGEBACK_LOST">;

const HOLDING = { categories: ["disputes:holding"], role: "holding" as const, what: "disputed charges (holding)" };

export function planChargeback(ctx: Ctx, cp: CurrencyPlan): PlannedPosting[] {
  const dispute = cp.event as Chargeback;
  const amount = dispute.amountMinor;
  const memo = `${ctx.sourceName} dispute ${dispute.disputeSourceId} on ${dispute.chargeSourceId}${dispute.reason ? ` (${dispute.reason})` : ""}.${cp.memo}`;
  let legs: Leg[];
  if (dispute.kind === "CHARGEBACK_OPENED") legs = [{ ...HOLDING, signedMinor: amount }, { ...clearing(ctx), signedMinor: -amount }];
  else if (dispute.kind === "CHARGEBACK_WON") legs = [{ ...clearing(ctx), signedMinor: amount }, { ...HOLDING, signedMinor: -amount }];
  else legs = [{ categories: ["disputes:loss"], role: "loss", what: "lost chargebacks", signedMinor: amount }, { ...HOLDING, signedMinor: -amount }];
  const postings: PlannedPosting[] = [];
  const main = journalEntry(ctx, "JournalEntry:dispute", legs, dispute.currency, memo, { extra: cp.fields, reference: dispute.disputeSourceId });
  if (main) postings.push(main);
  const fee =
    dispute.kind === "CHARGEBACK_OPENED"
      ? feeJournal(ctx, "JournalEntry:fee", "dispute", dispute.feeMinor, cp, "charged", `${ctx.sourceName} dispute fee, ${dispute.disputeSourceId}.`)
      : dispute.kind === "CHARGEBACK_WON"
        ? feeJournal(ctx, "JournalEntry:fee-returned", "dispute", dispute.feeMinor, cp, "returned", `${ctx.sourceName} dispute fee returned, ${dispute.disputeSourceId}.`)
        : undefined;
  if (fee) postings.push(fee);
  return postings;
}
