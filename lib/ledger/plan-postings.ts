import { CanonicalEventSchema, canonicalKey, formatMinorUnits, type CanonicalEvent, type CanonicalEventInput } from "../canonical";
import { currencyPlan } from "./currency/currency-plan";
import { planChargeback } from "./plan/chargeback";
import { planFee } from "./plan/fee";
import { planInvoice } from "./plan/invoice";
import { planPayment } from "./plan/payment";
import { planPayout } from "./plan/payout";
import { planRefund } from "./plan/refund";
import { planSale } from "./plan/sale";
import { sum } from "./shared/amounts";
import { createCtx } from "./shared/context";
import { CompanyFactsSchema, type CompanyFacts } from "./types/facts";
import { MappingSchema, type MappingInput } from "./types/mapping";
import type { PlannedPosting, PlanResult, Problem } from "./types/plan";

// The pure core: a canonical event, the active mapping and the company's facts in; the QuickBooks writes out,
// or the problems a person must fix first. No database, network, clock or randomness: the same input always
// gives the same plan, request ids included. Everything is checked before anything is sent: every category
// mapped, every account of a fitting type, every journal balanced, the plan's total the source's to the cent.

export type PlanOptions = {
  /** The sale a refund reverses, when the pipeline has it: a refund without lines is then split like it. */
  original?: CanonicalEventInput;
  /** Payout transactions (source ids) whose fee no other event booked (see plan/payout.ts). */
  unbookedFeeSourceIds?: readonly string[];
};

export function planPostings(eventInput: CanonicalEventInput, mappingInput: MappingInput, factsInput: CompanyFacts, options: PlanOptions = {}): PlanResult {
  const event = CanonicalEventSchema.parse(eventInput);
  const mapping = MappingSchema.parse(mappingInput);
  const facts = CompanyFactsSchema.parse(factsInput);
  const original = options.original ? CanonicalEventSchema.parse(options.original) : undefined;
  const ctx = createCtx(event, mapping, facts);
  const eventKey = canonicalKey(event);
  // A customer changes no balance: it is created in QuickBooks when a posting first needs it (display-name.ts).
  if (event.kind === "CUSTOMER_UPSERT") return { ok: true, plan: { eventKey, postings: [] } };

  const cp = currencyPlan(ctx);
  if (!cp) return { ok: false, problems: ctx.problems };
  const postings = dispatch(event, ctx, cp, original, options);
  const problems = [...ctx.problems, ...checkPlan(ctx.sourceName, cp.event, postings)];
  if (problems.length > 0) return { ok: false, problems: unique(problems) };
  return { ok: true, plan: { eventKey, postings } };
}

function dispatch(event: CanonicalEvent, ctx: ReturnType<typeof createCtx>, cp: NonNullable<ReturnType<typeof currencyPlan>>, original: CanonicalEvent | undefined, options: PlanOptions): PlannedPosting[] {
  switch (event.kind) {
    case "SALE":
      return planSale(ctx, cp);
    case "INVOICE_ISSUED":
    case "SUBSCRIPTION_INVOICE":
      return planInvoice(ctx, cp);
    case "PAYMENT":
      return planPayment(ctx, cp);
    case "REFUND":
      return planRefund(ctx, cp, original);
    case "CHARGEBACK_OPENED":
    case "CHARGEBACK_WON":
    case "CHARGEBACK_LOST":
      return planChargeback(ctx, cp);
    case "FEE":
      return planFee(ctx, cp);
    case "PAYOUT":
      return planPayout(ctx, cp, options);
    case "CUSTOMER_UPSERT":
      return [];
  }
}

const DOCUMENT_KINDS = new Set(["SALE", "INVOICE_ISSUED", "SUBSCRIPTION_INVOICE", "REFUND", "PAYMENT", "PAYOUT"]);

/** Every posting balances, and a document's total is the source's total to the cent. */
function checkPlan(sourceName: string, event: CanonicalEvent, postings: PlannedPosting[]): Problem[] {
  const problems: Problem[] = [];
  for (const p of postings) {
    const balance = sum(p.lines.map((l) => l.debitMinor - l.creditMinor));
    if (balance !== 0) problems.push({ code: "TOTALS_DISAGREE", message: `The ${p.target} planned for this ${sourceName} event does not balance by ${formatMinorUnits(balance, p.currency)} ${p.currency}; report this to Ledgerwire.` });
  }
  const headline = postings[0];
  if (DOCUMENT_KINDS.has(event.kind) && headline && headline.entityType !== "JournalEntry" && headline.amountMinor !== event.amountMinor) {
    const got = formatMinorUnits(headline.amountMinor, event.currency);
    const want = formatMinorUnits(event.amountMinor, event.currency);
    problems.push({
      code: "TOTALS_DISAGREE",
      message: `The lines, shipping and tax of this ${sourceName} ${event.kind.toLowerCase().replace(/_/g, " ")} add up to ${got} ${event.currency}, but its total is ${want} ${event.currency}; check it at ${sourceName} before it posts.`,
    });
  }
  return problems;
}

function unique(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => (seen.has(p.message) ? false : (seen.add(p.message), true)));
}
