import type { AuditEntry } from "../db/generated/client";
import type { AuditDb } from "./audit-db";
import { canonicalJson, toJsonValue } from "./canonical-json";
import { AuditFiltersSchema, listAuditEntries, MAX_AUDIT_PAGE, type AuditFilters, type AuditFiltersInput } from "./list-audit-entries";

export type AuditCsvRow = Pick<
  AuditEntry,
  "createdAt" | "seq" | "actorType" | "actorId" | "actorLabel" | "action" | "targetType" | "targetId" | "requestId" | "ip" | "before" | "after" | "hash"
>;

const COLUMNS: ReadonlyArray<[header: string, cell: (row: AuditCsvRow) => string]> = [
  ["time", (r) => r.createdAt.toISOString()],
  ["seq", (r) => String(r.seq)],
  ["actor type", (r) => r.actorType],
  ["actor id", (r) => r.actorId ?? ""],
  ["actor label", (r) => r.actorLabel ?? ""],
  ["action", (r) => r.action],
  ["target type", (r) => r.targetType ?? ""],
  ["target id", (r) => r.targetId ?? ""],
  ["request id", (r) => r.requestId ?? ""],
  ["ip", (r) => r.ip ?? ""],
  ["before", (r) => json(r.before)],
  ["after", (r) => json(r.after)],
  ["hash", (r) => r.hash],
];

function json(value: unknown): string {
  return value == null ? "" : canonicalJson(toJsonValue(value));
}

// A spreadsheet runs a cell that starts with = + - @ (or a tab, CR or LF before one) as a formula, and audit
// cells hold text other people chose (labels, ids, JSON). A leading apostrophe makes the cell plain text.
// Then RFC 4180: quote a cell holding a comma, quote or line break, doubling its quotes.
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r\n]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function csvLine(cells: string[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

export function auditCsvHeader(): string {
  return csvLine(COLUMNS.map(([header]) => header));
}

/** CSV records for these rows, without the header (for appending page after page). */
export function auditRowsToCsv(rows: readonly AuditCsvRow[]): string {
  return rows.map((row) => csvLine(COLUMNS.map(([, cell]) => cell(row)))).join("");
}

/** A whole CSV document: header row, then one record per entry, CRLF line ends. */
export function auditEntriesToCsv(rows: readonly AuditCsvRow[]): string {
  return auditCsvHeader() + auditRowsToCsv(rows);
}

/**
 * The filtered log as CSV, one chunk per page of entries (header first, newest entry first), so a route can stream
 * a 100,000-row export without holding it in memory. Keyset pages: entries appended during the export are not
 * included, and none is repeated or skipped. Filters are checked now, before anything is yielded, so invalid
 * ones fail before a response has started rather than halfway through the file.
 */
export function streamAuditCsv(db: AuditDb, args: { tenantId: string; filters?: AuditFiltersInput; pageSize?: number }): AsyncIterable<string> {
  const filters = AuditFiltersSchema.parse(args.filters ?? {});
  return csvPages(db, args.tenantId, filters, args.pageSize ?? MAX_AUDIT_PAGE);
}

async function* csvPages(db: AuditDb, tenantId: string, filters: AuditFilters, pageSize: number): AsyncGenerator<string, void, undefined> {
  yield auditCsvHeader();
  let cursor: string | null = null;
  do {
    const page = await listAuditEntries(db, { tenantId, filters, cursor, limit: pageSize });
    if (page.entries.length > 0) yield auditRowsToCsv(page.entries);
    cursor = page.nextCursor;
  } while (cursor);
}
