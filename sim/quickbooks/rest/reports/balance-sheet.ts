// BalanceSheet as of the period's end: ASSETS (Current Assets: Bank Accounts, Accounts Receivable, Other
// current assets; Fixed Assets; Other Assets) and LIABILITIES AND EQUITY (Liabilities: Current Liabilities:
// Accounts Payable, Credit Cards, Other Current Liabilities; Long-Term Liabilities; Equity). Balance-sheet
// accounts are cumulative; Retained Earnings also carries every earlier fiscal year's net income, and a
// "Net Income" row carries this fiscal year's to the end date, so the two totals agree.
import type { RealmContext } from "../context";
import { accountRows, booksOf, natural, profitAndLossBetween, retainedEarnings, totalsBetween, type Account } from "./chart";
import { reportHeader } from "./header";
import { addDays, basisOf, fiscalYearStart, periodOf, summarizeOf } from "./params";
import { cell, column, dataRow, money, section, type ReportRow } from "./rows";

type Built = { row?: ReportRow; total: number };

const label = (text: string) => [cell(text), cell("")];
const totalCells = (text: string, cents: number) => [cell(text), cell(money(cents))];

export function balanceSheet(ctx: RealmContext, query: URLSearchParams): Record<string, unknown> {
  const period = periodOf(ctx, query);
  const basis = basisOf(ctx, query);
  const summarize = summarizeOf(query, ["Total"]);
  const books = booksOf(ctx, basis);
  const fyStart = fiscalYearStart(ctx, period.end);
  const balances = totalsBetween(books, undefined, period.end);
  const retained = retainedEarnings(books);
  // Debit-positive P&L of the closed years and of this year so far; credit-positive (a profit) once natural.
  const priorYears = -profitAndLossBetween(books, undefined, addDays(fyStart, -1));
  const netIncome = -profitAndLossBetween(books, fyStart, period.end);

  const amount = (account: Account) => {
    const own = natural(account, balances.get(account.id) ?? 0);
    return [account.id === retained?.id ? own + priorYears : own];
  };

  /** A leaf group of account types; left out when it has no rows. */
  const leaf = (group: string, title: string, types: string[], extra: ReportRow[] = [], extraTotal = 0): Built => {
    const { rows, totals } = accountRows(books.accounts.filter((a) => types.includes(a.type)), amount, 1);
    const all = [...rows, ...extra];
    const total = totals[0]! + extraTotal;
    if (all.length === 0) return { total };
    return { row: section({ header: label(title), rows: all, summary: totalCells(`Total ${title}`, total), group }), total };
  };

  /** A group of groups; left out when none of its parts has rows, unless `always`. */
  const parent = (group: string, title: string, totalTitle: string, parts: Built[], always = false): Built => {
    const rows = parts.flatMap((p) => (p.row ? [p.row] : []));
    const total = parts.reduce((sum, p) => sum + p.total, 0);
    if (rows.length === 0 && !always) return { total };
    return { row: section({ header: label(title), rows, summary: totalCells(totalTitle, total), group }), total };
  };

  // Prior years' income with no Retained Earnings account still shows, as a row of its own.
  const equityExtra: ReportRow[] = [];
  let equityExtraTotal = netIncome;
  if (!retained && priorYears !== 0) {
    equityExtra.push(dataRow([cell("Retained Earnings"), cell(money(priorYears))]));
    equityExtraTotal += priorYears;
  }
  equityExtra.push(dataRow([cell("Net Income"), cell(money(netIncome))], "NetIncome"));

  const assets = parent(
    "TotalAssets",
    "ASSETS",
    "TOTAL ASSETS",
    [
      parent("CurrentAssets", "Current Assets", "Total Current Assets", [
        leaf("BankAccounts", "Bank Accounts", ["Bank"]),
        leaf("AR", "Accounts Receivable", ["Accounts Receivable"]),
        leaf("OtherCurrentAssets", "Other current assets", ["Other Current Asset"]),
      ]),
      leaf("FixedAssets", "Fixed Assets", ["Fixed Asset"]),
      leaf("OtherAssets", "Other Assets", ["Other Asset"]),
    ],
    true,
  );
  const liabilitiesAndEquity = parent(
    "TotalLiabilitiesAndEquity",
    "LIABILITIES AND EQUITY",
    "TOTAL LIABILITIES AND EQUITY",
    [
      parent(
        "Liabilities",
        "Liabilities",
        "Total Liabilities",
        [
          parent("CurrentLiabilities", "Current Liabilities", "Total Current Liabilities", [
            leaf("AP", "Accounts Payable", ["Accounts Payable"]),
            leaf("CreditCards", "Credit Cards", ["Credit Card"]),
            leaf("OtherCurrentLiabilities", "Other Current Liabilities", ["Other Current Liability"]),
          ]),
          leaf("LongTermLiabilities", "Long-Term Liabilities", ["Long Term Liability"]),
        ],
      ),
      leaf("Equity", "Equity", ["Equity"], equityExtra, equityExtraTotal),
    ],
    true,
  );
  const rows = [assets.row!, liabilitiesAndEquity.row!];
  return {
    Header: reportHeader(ctx, { name: "BalanceSheet", period, basis, summarize, accountingStandard: true, noData: !books.lines.some((l) => l.txnDate <= period.end) }),
    Columns: { Column: [column("", "Account", "account"), column("Total", "Money", "total")] },
    Rows: { Row: rows },
  };
}
