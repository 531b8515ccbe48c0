// Report query parameters: the period (start_date / end_date / date_macro, defaulting to this fiscal
// year-to-date), the accounting method (Preferences.ReportPrefs.ReportBasis by default) and
// summarize_column_by. Dates are plain YYYY-MM-DD strings in the company's time zone.
import type { RealmContext } from "../context";
import { faults } from "../faults";
import { findRecord } from "../store";
import { today } from "../rules/common";
import type { ReportBasis } from "../books/journal";

export type Period = { start: string; end: string; macro?: string };

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: string): [number, number, number] {
  const [, y, m, d] = DATE.exec(date)!;
  return [Number(y), Number(m), Number(d)];
}

/** A date `days` later (or earlier). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The first day of the month `months` after the one `date` is in. */
export function monthStart(date: string, months = 0): string {
  const [y, m] = parts(date);
  return new Date(Date.UTC(y, m - 1 + months, 1)).toISOString().slice(0, 10);
}

export function monthEnd(date: string): string {
  return addDays(monthStart(date, 1), -1);
}

/** "Jan 2026", as QuickBooks titles a month column. */
export function monthTitle(date: string): string {
  const [y, m] = parts(date);
  return `${MONTHS[m - 1]!.slice(0, 3)} ${y}`;
}

/** Month index (0-11) the company's fiscal year starts in (CompanyInfo.FiscalYearStartMonth). */
function fiscalStartMonth(ctx: RealmContext): number {
  const info = findRecord(ctx, "CompanyInfo", "1");
  const prefs = findRecord(ctx, "Preferences", "1")?.AccountingInfoPrefs as Record<string, unknown> | undefined;
  const name = String(info?.FiscalYearStartMonth ?? prefs?.FirstMonthOfFiscalYear ?? "January");
  const index = MONTHS.indexOf(name);
  return index < 0 ? 0 : index;
}

/** The first day of the fiscal year `date` falls in. */
export function fiscalYearStart(ctx: RealmContext, date: string): string {
  const [y, m] = parts(date);
  const first = fiscalStartMonth(ctx) + 1;
  const year = m >= first ? y : y - 1;
  return `${year}-${String(first).padStart(2, "0")}-01`;
}

function quarterStart(ctx: RealmContext, date: string): string {
  const fy = fiscalYearStart(ctx, date);
  const [fyY, fyM] = parts(fy);
  const [y, m] = parts(date);
  const monthsIn = (y - fyY) * 12 + (m - fyM);
  return monthStart(fy, monthsIn - (monthsIn % 3));
}

/** Sunday-started weeks, as US QuickBooks uses. */
function weekStart(date: string): string {
  const [y, m, d] = parts(date);
  return addDays(date, -new Date(Date.UTC(y, m - 1, d)).getUTCDay());
}

type Macro = (ctx: RealmContext, now: string) => [string, string];

const MACROS: Record<string, Macro> = {
  today: (_ctx, now) => [now, now],
  yesterday: (_ctx, now) => [addDays(now, -1), addDays(now, -1)],
  "this week": (_ctx, now) => [weekStart(now), addDays(weekStart(now), 6)],
  "this week-to-date": (_ctx, now) => [weekStart(now), now],
  "last week": (_ctx, now) => [addDays(weekStart(now), -7), addDays(weekStart(now), -1)],
  "this month": (_ctx, now) => [monthStart(now), monthEnd(now)],
  "this month-to-date": (_ctx, now) => [monthStart(now), now],
  "last month": (_ctx, now) => [monthStart(now, -1), addDays(monthStart(now), -1)],
  "next month": (_ctx, now) => [monthStart(now, 1), monthEnd(monthStart(now, 1))],
  "this fiscal quarter": (ctx, now) => [quarterStart(ctx, now), addDays(monthStart(quarterStart(ctx, now), 3), -1)],
  "this fiscal quarter-to-date": (ctx, now) => [quarterStart(ctx, now), now],
  "last fiscal quarter": (ctx, now) => [monthStart(quarterStart(ctx, now), -3), addDays(quarterStart(ctx, now), -1)],
  "this fiscal year": (ctx, now) => [fiscalYearStart(ctx, now), addDays(monthStart(fiscalYearStart(ctx, now), 12), -1)],
  "this fiscal year-to-date": (ctx, now) => [fiscalYearStart(ctx, now), now],
  "last fiscal year": (ctx, now) => [monthStart(fiscalYearStart(ctx, now), -12), addDays(fiscalYearStart(ctx, now), -1)],
  "last fiscal year-to-date": (ctx, now) => {
    const start = monthStart(fiscalYearStart(ctx, now), -12);
    const [y, m, d] = parts(now);
    return [start, new Date(Date.UTC(y - 1, m - 1, d)).toISOString().slice(0, 10)];
  },
};

/** A YYYY-MM-DD that is a real calendar date, else QuickBooks' invalid-value fault for the parameter. */
export function checkReportDate(value: string, element: string): string {
  const match = DATE.exec(value);
  if (!match || addDays(value, 0) !== value) throw faults.invalidValue(element, `Invalid date: ${value}. Expected yyyy-MM-dd`);
  return value;
}

const present = (query: URLSearchParams, name: string): string | undefined => {
  const value = query.get(name)?.trim();
  return value ? value : undefined;
};

/**
 * The report period. Explicit dates win over date_macro; a missing start is the fiscal year start of the end,
 * a missing end is today. Without either, date_macro (default "This Fiscal Year-to-date") decides, and the
 * header carries it as QuickBooks prints it (lower case).
 */
export function periodOf(ctx: RealmContext, query: URLSearchParams): Period {
  const startText = present(query, "start_date");
  const endText = present(query, "end_date");
  const now = today(ctx);
  if (startText || endText) {
    const end = endText ? checkReportDate(endText, "end_date") : now;
    const start = startText ? checkReportDate(startText, "start_date") : fiscalYearStart(ctx, end);
    if (start > end) throw faults.invalidValue("start_date", `start_date ${start} must be on or before end_date ${end}`);
    return { start, end };
  }
  const macroText = present(query, "date_macro") ?? "This Fiscal Year-to-date";
  const macro = MACROS[macroText.toLowerCase()];
  if (!macro || !Object.hasOwn(MACROS, macroText.toLowerCase())) {
    throw faults.invalidValue("date_macro", `Invalid date_macro: ${macroText}. The simulator supports: ${Object.keys(MACROS).join(", ")}`);
  }
  const [start, end] = macro(ctx, now);
  return { start, end, macro: macroText.toLowerCase() };
}

/** accounting_method, else the company's report basis preference. */
export function basisOf(ctx: RealmContext, query: URLSearchParams): ReportBasis {
  const given = present(query, "accounting_method");
  if (given !== undefined) {
    const lower = given.toLowerCase();
    if (lower === "cash") return "Cash";
    if (lower === "accrual") return "Accrual";
    throw faults.invalidValue("accounting_method", `Invalid accounting_method: ${given}. Supported values: Cash, Accrual`);
  }
  const prefs = findRecord(ctx, "Preferences", "1")?.ReportPrefs as Record<string, unknown> | undefined;
  return prefs?.ReportBasis === "Cash" ? "Cash" : "Accrual";
}

export type Summarize = "Total" | "Month";

/** summarize_column_by: Total always; Month where `allowed` says so; anything else is refused plainly. */
export function summarizeOf(query: URLSearchParams, allowed: readonly Summarize[]): Summarize {
  const given = present(query, "summarize_column_by");
  if (given === undefined) return "Total";
  const match = allowed.find((value) => value.toLowerCase() === given.toLowerCase());
  if (!match) {
    throw faults.invalidValue("summarize_column_by", `summarize_column_by=${given} is not supported by the QuickBooks simulator for this report (supported: ${allowed.join(", ")})`);
  }
  return match;
}
