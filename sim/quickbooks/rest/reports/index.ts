// GET /v3/company/{realmId}/reports/{ReportName}: QuickBooks' report JSON (Header, Columns, Rows) computed
// from the simulator's general ledger (books/journal.ts), in the home currency. One builder per report:
// profit-and-loss.ts, balance-sheet.ts, trial-balance.ts, general-ledger.ts, account-list.ts; shared pieces in
// rows.ts (cells, sections, money), params.ts (period, basis, columns), chart.ts (accounts, balances).
import type { RealmContext } from "../context";
import { faults } from "../faults";
import { accountList } from "./account-list";
import { balanceSheet } from "./balance-sheet";
import { generalLedger } from "./general-ledger";
import { profitAndLoss } from "./profit-and-loss";
import { trialBalance } from "./trial-balance";

type Builder = (ctx: RealmContext, query: URLSearchParams) => Record<string, unknown>;

const REPORTS: Record<string, Builder> = {
  ProfitAndLoss: profitAndLoss,
  BalanceSheet: balanceSheet,
  TrialBalance: trialBalance,
  GeneralLedger: generalLedger,
  AccountList: accountList,
};

/** Runs a report, or throws the Fault QuickBooks answers. `name` is the path segment as sent. */
export function runReport(ctx: RealmContext, name: string, query: URLSearchParams, path: string, fullUrl: string): Record<string, unknown> {
  const key = Object.keys(REPORTS).find((report) => report.toLowerCase() === name.toLowerCase());
  if (!key) throw faults.unsupportedOperation(path || name, fullUrl);
  return REPORTS[key]!(ctx, query);
}
