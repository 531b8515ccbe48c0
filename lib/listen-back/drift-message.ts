import type { DriftChange } from "./compare-with-posting";

// The sentence a finance person reads in the exception queue for one drift: what changed, where, and what to do.
// Ledgerwire never overwrites an accountant's change in QuickBooks, so the sentence always says who decides.

export type DriftKindName = "EDITED" | "VOIDED" | "DELETED";

export const DRIFT_CODES: Record<DriftKindName, string> = { EDITED: "QBO_DRIFT_EDITED", VOIDED: "QBO_DRIFT_VOIDED", DELETED: "QBO_DRIFT_DELETED" };

const LABELS: Record<string, string> = {
  SalesReceipt: "Sales receipt",
  RefundReceipt: "Refund receipt",
  CreditMemo: "Credit memo",
  JournalEntry: "Journal entry",
};

export function entityLabel(entityType: string, entityId: string, docNumber?: string | null): string {
  const label = LABELS[entityType] ?? entityType;
  return docNumber ? `${label} ${docNumber}` : `${label} (QuickBooks id ${entityId})`;
}

function day(at: Date | null): string {
  return at ? ` on ${at.toISOString().slice(0, 10)}` : "";
}

function whatChanged(changes: DriftChange[], currency: string): string {
  const total = changes.find((c) => c.field === "TotalAmt");
  if (total) return `its total is now ${currency} ${String(total.actual)} instead of ${currency} ${String(total.expected)}`;
  if (changes.some((c) => c.field === "Line.Amount")) return "the amounts of its lines no longer match what was posted";
  return "its lines now use other accounts or items than the mapping chose";
}

export function driftMessage(input: { kind: DriftKindName; label: string; postedAt: Date | null; changes: DriftChange[]; currency: string; changedAt: Date | null }): string {
  const posted = input.postedAt ? `, which Ledgerwire posted on ${input.postedAt.toISOString().slice(0, 10)},` : "";
  switch (input.kind) {
    case "EDITED":
      return (
        `${input.label}${posted} was changed in QuickBooks${day(input.changedAt)}: ${whatChanged(input.changes, input.currency)}. ` +
        "Ask whoever changed it why; if the source is right, change it back in QuickBooks, otherwise correct it at the source. Ledgerwire will not overwrite it."
      );
    case "VOIDED":
      return (
        `${input.label}${posted} was voided in QuickBooks${day(input.changedAt)}, but the source still records it. ` +
        "If the sale really did not happen, record the refund or cancellation at the source; otherwise enter it again in QuickBooks. Ledgerwire will not post it again by itself."
      );
    case "DELETED":
      return (
        `${input.label}${posted} was deleted in QuickBooks${day(input.changedAt)}, but the source still records it, so your books and the source now disagree. ` +
        "If it was deleted by mistake, enter it again in QuickBooks (or ask for it to be re-posted); if it should not exist, correct the source. Ledgerwire will not post it again by itself."
      );
  }
}
