import type { CanonicalOf } from "../../canonical";
import type { CurrencyPlan } from "../currency/currency-plan";
import type { Ctx } from "../shared/context";
import type { PlannedPosting } from "../types/plan";
import { feeJournal } from "./common";

// A fee on its own (a subscription to the processor, a Radar fee): Dr fees:<type> / Cr clearing, because the
// processor took it from the balance the clearing account mirrors. Types without a mapping of their own fall
// back to fees:processing. A negative amount (a fee credited back) books the other way.

export function planFee(ctx: Ctx, cp: CurrencyPlan): PlannedPosting[] {
  const fee = cp.event as CanonicalOf<"FEE">;
  const memo = `${ctx.sourceName} ${fee.feeType} fee ${fee.sourceIds.object}${fee.relatedSourceId ? ` on ${fee.relatedSourceId}` : ""}.${fee.description ? ` ${fee.description}.` : ""}${cp.memo}`;
  const direction = fee.amountMinor >= 0 ? "charged" : "returned";
  const posting = feeJournal(ctx, "JournalEntry:fee", fee.feeType, Math.abs(fee.amountMinor), cp, direction, memo);
  return posting ? [posting] : [];
}
