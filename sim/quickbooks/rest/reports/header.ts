// The report Header, in the key order QuickBooks answers with.
import type { RealmContext } from "../context";
import { nowStamp } from "../store";
import { homeCurrency } from "../rules/currency";
import type { ReportBasis } from "../books/journal";
import type { Period, Summarize } from "./params";

export type HeaderOptions = {
  name: string;
  period?: Period;
  basis?: ReportBasis;
  summarize?: Summarize;
  /** P&L and balance sheet carry AccountingStandard; every report carries NoReportData. */
  accountingStandard?: boolean;
  noData: boolean;
};

export function reportHeader(ctx: RealmContext, options: HeaderOptions): Record<string, unknown> {
  const { period } = options;
  return {
    Time: nowStamp(ctx),
    ReportName: options.name,
    ...(period?.macro ? { DateMacro: period.macro } : {}),
    ...(options.basis ? { ReportBasis: options.basis } : {}),
    ...(period ? { StartPeriod: period.start, EndPeriod: period.end } : {}),
    ...(options.summarize ? { SummarizeColumnsBy: options.summarize === "Month" ? "Month" : "Total" } : {}),
    Currency: homeCurrency(ctx),
    Option: [
      ...(options.accountingStandard ? [{ Name: "AccountingStandard", Value: "GAAP" }] : []),
      { Name: "NoReportData", Value: String(options.noData) },
    ],
  };
}
