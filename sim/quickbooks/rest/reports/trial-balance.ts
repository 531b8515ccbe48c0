// TrialBalance as of the period's end: one row per account with a non-zero balance, in the Debit or the
// Credit column. Balance-sheet accounts are cumulative; income and expense accounts count from the start of
// the fiscal year the end date falls in, and earlier years' net income sits in Retained Earnings, as
// QuickBooks closes its books. The TOTAL row's debits equal its credits.
import type { RealmContext } from "../context";
import { booksOf, isProfitAndLoss, profitAndLossBetween, retainedEarnings, totalsBetween } from "./chart";
import { reportHeader } from "./header";
import { addDays, basisOf, fiscalYearStart, periodOf, summarizeOf } from "./params";
import { cell, dataRow, money, section, type Cell, type ReportRow } from "./rows";

const sides = (debitPositive: number): Cell[] => (debitPositive > 0 ? [cell(money(debitPositive)), cell("")] : [cell(""), cell(money(-debitPositive))]);

export function trialBalance(ctx: RealmContext, query: URLSearchParams): Record<string, unknown> {
  const period = periodOf(ctx, query);
  const basis = basisOf(ctx, query);
  summarizeOf(query, ["Total"]);
  const books = booksOf(ctx, basis);
  const fyStart = fiscalYearStart(ctx, period.end);
  const cumulative = totalsBetween(books, undefined, period.end);
  const thisYear = totalsBetween(books, fyStart, period.end);
  const priorYears = profitAndLossBetween(books, undefined, addDays(fyStart, -1));
  const retained = retainedEarnings(books);

  const rows: ReportRow[] = [];
  let debits = 0;
  let credits = 0;
  const add = (cells: Cell[], balance: number) => {
    rows.push(dataRow(cells));
    if (balance > 0) debits += balance;
    else credits -= balance;
  };
  for (const account of books.accounts) {
    let balance = isProfitAndLoss(account) ? (thisYear.get(account.id) ?? 0) : (cumulative.get(account.id) ?? 0);
    if (account.id === retained?.id) balance += priorYears;
    if (balance !== 0) add([cell(account.fullName, account.id), ...sides(balance)], balance);
  }
  if (!retained && priorYears !== 0) add([cell("Retained Earnings"), ...sides(priorYears)], priorYears);

  const noData = rows.length === 0;
  rows.push(section({ summary: [cell("TOTAL"), cell(money(debits)), cell(money(credits))], group: "GrandTotal" }));
  return {
    Header: reportHeader(ctx, { name: "TrialBalance", period, basis, noData }),
    // Intuit's TrialBalance sample has bare columns (no ColKey metadata), unlike the P&L and balance sheet.
    Columns: { Column: [{ ColTitle: "", ColType: "Account" }, { ColTitle: "Debit", ColType: "Money" }, { ColTitle: "Credit", ColType: "Money" }] },
    Rows: { Row: rows },
  };
}
