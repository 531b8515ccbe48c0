import { formatMinorUnits, toMinorUnits } from "../canonical";

// Pure: what QuickBooks now holds for an entity Ledgerwire posted, against what Ledgerwire planned (the
// posting's amountMinor and request body). Only what moves money counts: the total, each line's amount (and
// debit or credit for journal entries), and the accounts and items the plan named. A changed memo, a new
// DocNumber, a payment applied to an invoice (Balance) or QuickBooks' own subtotal line are not drift.

export type DriftChange = { field: string; expected: string | string[]; actual: string | string[] };
export type Comparison = { kind: "EDITED" | "VOIDED" | null; changes: DriftChange[] };

export type PlannedPosting = { entityType: string; amountMinor: bigint | number; currency: string; body: unknown };

type JsonObject = Record<string, unknown>;

const IGNORED_LINE_TYPES = new Set(["SubTotalLineDetail"]);
// Placeholders the pipeline resolves before sending (lib/ledger/shared/placeholders.ts): their ids are not known here.
const PLACEHOLDER = /^\{\{[a-z-]+:.+\}\}$/;

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** QuickBooks amounts are JSON numbers in major units; read through their decimal text, never as floats. */
export function qboMinor(amount: unknown, currency: string): number | null {
  if (typeof amount !== "number" || !Number.isFinite(amount)) return null;
  return toMinorUnits(amount.toFixed(8).replace(/\.?0+$/, ""), currency);
}

function linesOf(entity: unknown): JsonObject[] {
  const lines = isObject(entity) && Array.isArray(entity.Line) ? entity.Line : [];
  return lines.filter((line): line is JsonObject => isObject(line) && !IGNORED_LINE_TYPES.has(String(line.DetailType ?? "")));
}

/** "12.50" or "Debit 12.50" per line, sorted: lines QuickBooks reorders are not a change. */
function lineAmounts(entity: unknown, currency: string): string[] {
  return linesOf(entity)
    .map((line) => {
      const minor = qboMinor(line.Amount, currency);
      const amount = minor === null ? "?" : formatMinorUnits(minor, currency);
      const detail = isObject(line.JournalEntryLineDetail) ? line.JournalEntryLineDetail : null;
      return detail && typeof detail.PostingType === "string" ? `${detail.PostingType} ${amount}` : amount;
    })
    .sort();
}

/** Account and item ids named in lines' details ("Account 41", "Item 7"). */
function lineRefs(entity: unknown): string[] {
  const refs: string[] = [];
  for (const line of linesOf(entity)) {
    for (const detail of Object.values(line)) {
      if (!isObject(detail)) continue;
      for (const [key, label] of [["AccountRef", "Account"], ["ItemRef", "Item"]] as const) {
        const ref = detail[key];
        if (isObject(ref) && typeof ref.value === "string" && !PLACEHOLDER.test(ref.value)) refs.push(`${label} ${ref.value}`);
      }
    }
  }
  return refs.sort();
}

function voided(entity: JsonObject, currency: string): boolean {
  return typeof entity.PrivateNote === "string" && /^Voided\b/.test(entity.PrivateNote) && (qboMinor(entity.TotalAmt, currency) ?? 0) === 0;
}

/**
 * Compares the entity QuickBooks answered with the posting. `operation` is the webhook's ("Void" says so
 * outright); CDC gives none, and a voided transaction is then recognised as QuickBooks leaves it: a zero
 * total and "Voided" at the start of its private note.
 */
export function compareWithPosting(posting: PlannedPosting, entity: unknown, operation?: string): Comparison {
  if (!isObject(entity)) return { kind: null, changes: [] };
  const currency = posting.currency;
  const expectedMinor = Number(posting.amountMinor);
  const changes: DriftChange[] = [];

  // Journal entries carry no total in the request; their lines say everything.
  if (posting.entityType !== "JournalEntry") {
    const actual = qboMinor(entity.TotalAmt, currency);
    if (actual !== null && actual !== expectedMinor) changes.push({ field: "TotalAmt", expected: formatMinorUnits(expectedMinor, currency), actual: formatMinorUnits(actual, currency) });
  }
  if (operation === "Void" || (expectedMinor !== 0 && voided(entity, currency))) return { kind: "VOIDED", changes };

  const expectedLines = lineAmounts(posting.body, currency);
  const actualLines = lineAmounts(entity, currency);
  if (expectedLines.join("|") !== actualLines.join("|")) changes.push({ field: "Line.Amount", expected: expectedLines, actual: actualLines });

  const planned = lineRefs(posting.body);
  const present = lineRefs(entity);
  const missing = planned.filter((ref) => !present.includes(ref));
  if (missing.length > 0) changes.push({ field: "Line.Ref", expected: planned, actual: present });

  return { kind: changes.length > 0 ? "EDITED" : null, changes };
}
