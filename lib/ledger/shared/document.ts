import type { Dependency, LedgerLine, PlannedPosting } from "../types/plan";
import { qboAmount, sum } from "./amounts";
import { accountFor, tracking, type AccountRole, type Ctx } from "./context";
import { uniqueDependencies } from "./placeholders";
import { requestIdOf } from "./request-id";

// What every QuickBooks body of a plan shares: the date, the memo that traces it back, the source's reference,
// and the deterministic requestid. Journal entries are built here too, from signed legs.

const DOC_NUMBER_MAX = 21; // QuickBooks refuses longer DocNumbers.
const PRIVATE_NOTE_MAX = 4000;

/**
 * The company's date of `occurredAt`: in the company's time zone when known, else the UTC date. A Stripe
 * charge at 23:30 in New York is the next day in UTC; with the zone given, the books show the local day.
 */
export function txnDateOf(occurredAt: string, timeZone: string | undefined): string {
  if (!timeZone) return new Date(occurredAt).toISOString().slice(0, 10);
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(new Date(occurredAt));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/** DocNumber when the reference fits QuickBooks' 21 characters; otherwise the memo carries it. */
export function docNumberOf(reference: string | undefined): string | undefined {
  return reference && reference.length <= DOC_NUMBER_MAX ? reference : undefined;
}

/** The memo: what it is, the source reference when DocNumber could not hold it, then `(Ledgerwire <key>)`. */
export function privateNoteOf(ctx: Ctx, text: string, reference?: string, always = false): string {
  const ref = reference && (always || !docNumberOf(reference)) ? ` Ref ${reference}.` : "";
  const tail = ` (Ledgerwire ${ctx.key})`;
  const head = `${text}${ref}`.slice(0, PRIVATE_NOTE_MAX - tail.length);
  return `${head}${tail}`;
}

export type PostingInput = {
  target: string;
  entityType: PlannedPosting["entityType"];
  body: Record<string, unknown>;
  amountMinor: number;
  currency: string;
  lines: LedgerLine[];
  dependsOn?: Dependency[];
  notes?: string[];
  memo: string;
  reference?: string;
};

/** A planned posting with the fields every body carries (TxnDate, DocNumber, PrivateNote) filled in. */
export function posting(ctx: Ctx, input: PostingInput): PlannedPosting {
  // Payments keep the reference in PaymentRefNum. Journal entries keep it in the memo: one source object (a
  // dispute) yields several entries over time, and QuickBooks refuses a repeated DocNumber (6140).
  const docNumber = input.entityType === "Payment" || input.entityType === "JournalEntry" ? undefined : docNumberOf(input.reference);
  const body: Record<string, unknown> = {
    TxnDate: txnDateOf(ctx.event.occurredAt, ctx.facts.timeZone),
    ...(docNumber ? { DocNumber: docNumber } : {}),
    ...(input.entityType === "Payment" && input.reference ? { PaymentRefNum: input.reference.slice(0, 21) } : {}),
    ...input.body,
    PrivateNote: privateNoteOf(ctx, input.memo, docNumber || input.entityType === "Payment" ? undefined : input.reference, input.entityType === "JournalEntry"),
  };
  return {
    target: input.target,
    entityType: input.entityType,
    body,
    dependsOn: uniqueDependencies(input.dependsOn ?? []),
    requestId: requestIdOf(ctx.key, input.target),
    amountMinor: input.amountMinor,
    currency: input.currency,
    lines: input.lines,
    notes: input.notes ?? [],
  };
}

/** One side of a journal entry: positive amounts debit the account, negative ones credit it. */
export type Leg = {
  categories: readonly string[];
  role: AccountRole;
  what: string;
  signedMinor: number;
  /** The customer a receivable line names (QuickBooks requires one on A/R lines). */
  entity?: { Type: "Customer"; EntityRef: { value: string; name?: string } };
};

export type JournalOptions = { extra?: Record<string, unknown>; reference?: string; dependsOn?: Dependency[] };

export function debit(line: LedgerLine): number {
  return line.debitMinor - line.creditMinor;
}

export function ledgerLine(category: string, qboAccountId: string | undefined, signedMinor: number): LedgerLine {
  return {
    category,
    ...(qboAccountId ? { qboAccountId } : {}),
    debitMinor: signedMinor > 0 ? signedMinor : 0,
    creditMinor: signedMinor < 0 ? -signedMinor : 0,
  };
}

/**
 * A JournalEntry from legs that add up to zero. QuickBooks wants positive line amounts with a PostingType, so a
 * negative leg becomes a credit; legs of 0 are left out. Returns undefined when nothing moves.
 */
export function journalEntry(ctx: Ctx, target: string, legs: Leg[], currency: string, memo: string, options: JournalOptions = {}): PlannedPosting | undefined {
  const moving = legs.filter((leg) => leg.signedMinor !== 0);
  if (moving.length === 0) return undefined;
  if (sum(moving.map((l) => l.signedMinor)) !== 0) throw new Error(`Journal entry ${target} of ${ctx.key} does not balance.`);
  const resolved = moving.map((leg) => ({ leg, account: accountFor(ctx, leg.categories, leg.role, leg.what) }));
  const Line = resolved.map(({ leg, account }) => ({
    Amount: qboAmount(Math.abs(leg.signedMinor), currency),
    DetailType: "JournalEntryLineDetail",
    Description: leg.what,
    JournalEntryLineDetail: {
      PostingType: leg.signedMinor > 0 ? "Debit" : "Credit",
      AccountRef: account.ref,
      ...(leg.entity ? { Entity: leg.entity } : {}),
      ...tracking(account.entry),
    },
  }));
  const debits = sum(moving.filter((l) => l.signedMinor > 0).map((l) => l.signedMinor));
  return posting(ctx, {
    target,
    entityType: "JournalEntry",
    body: { Line, ...options.extra },
    amountMinor: debits,
    currency,
    lines: resolved.map(({ leg, account }) => ledgerLine(account.category, account.entry.qboAccountId, leg.signedMinor)),
    dependsOn: options.dependsOn,
    memo,
    reference: options.reference,
  });
}
