// ProfitAndLoss: Income, Cost of Goods Sold, Gross Profit, Expenses, Net Operating Income, Other Income,
// Other Expenses, Net Other Income, Net Income, over the period (one Total column, or a column per month and
// a Total). Income reads positive when credited, costs and expenses when debited. Cost of Goods Sold and the
// "other" sections appear only when they have rows, as in QuickBooks' US answers.
import type { RealmContext } from "../context";
import { booksOf, natural, accountRows, type Account, type Books } from "./chart";
import { reportHeader } from "./header";
import { basisOf, monthEnd, monthStart, monthTitle, periodOf, summarizeOf } from "./params";
import { addAll, cell, column, hasData, minus, money, section, type Column, type ReportRow } from "./rows";

type Slice = { start: string; end: string };

/** The money columns: the period itself, or each month of it (clipped) followed by a Total. */
export function slicesOf(period: Slice, byMonth: boolean): { slices: Slice[]; columns: Column[] } {
  if (!byMonth) return { slices: [period], columns: [column("Total", "Money", "total")] };
  const slices: Slice[] = [];
  const columns: Column[] = [];
  for (let month = monthStart(period.start); month <= period.end; month = monthStart(month, 1)) {
    const slice = { start: month < period.start ? period.start : month, end: monthEnd(month) > period.end ? period.end : monthEnd(month) };
    slices.push(slice);
    const title = monthTitle(month);
    columns.push(column(title, "Money", title, [{ Name: "StartDate", Value: slice.start }, { Name: "EndDate", Value: slice.end }]));
  }
  return { slices, columns: [...columns, column("Total", "Money", "total")] };
}

/** Natural amounts per account per slice (plus the Total column when there are several slices). */
function amountsBySlice(books: Books, slices: Slice[]): (account: Account) => number[] {
  const perAccount = new Map<string, number[]>();
  slices.forEach((slice, i) => {
    for (const line of books.lines) {
      if (line.txnDate < slice.start || line.txnDate > slice.end) continue;
      const vector = perAccount.get(line.accountId) ?? new Array<number>(slices.length).fill(0);
      vector[i]! += line.homeAmount;
      perAccount.set(line.accountId, vector);
    }
  });
  return (account) => {
    const raw = (perAccount.get(account.id) ?? new Array<number>(slices.length).fill(0)).map((c) => natural(account, c));
    return slices.length > 1 ? [...raw, raw.reduce((a, b) => a + b, 0)] : raw;
  };
}

const GROUPS = [
  { group: "Income", type: "Income", title: "Income", always: true },
  { group: "COGS", type: "Cost of Goods Sold", title: "Cost of Goods Sold", always: false },
  { group: "Expenses", type: "Expense", title: "Expenses", always: true },
  { group: "OtherIncome", type: "Other Income", title: "Other Income", always: false },
  { group: "OtherExpenses", type: "Other Expense", title: "Other Expenses", always: false },
] as const;

export function profitAndLoss(ctx: RealmContext, query: URLSearchParams): Record<string, unknown> {
  const period = periodOf(ctx, query);
  const basis = basisOf(ctx, query);
  const summarize = summarizeOf(query, ["Total", "Month"]);
  const books = booksOf(ctx, basis);
  const { slices, columns } = slicesOf(period, summarize === "Month");
  const width = columns.length;
  const amounts = amountsBySlice(books, slices);
  const blanks = () => new Array(width).fill(0).map(() => cell(""));
  const totalsCells = (label: string, totals: number[]) => [cell(label), ...totals.map((c) => cell(money(c)))];

  const built = new Map<string, { row?: ReportRow; totals: number[] }>();
  for (const g of GROUPS) {
    const { rows, totals } = accountRows(
      books.accounts.filter((a) => a.type === g.type),
      amounts,
      width,
    );
    if (rows.length === 0 && !g.always) {
      built.set(g.group, { totals });
      continue;
    }
    const summary = rows.length === 0 ? [cell(`Total ${g.title}`), ...blanks()] : totalsCells(`Total ${g.title}`, totals);
    built.set(g.group, { row: section({ header: [cell(g.title), ...blanks()], rows, summary, group: g.group }), totals });
  }
  const totals = (group: string) => built.get(group)!.totals;
  const rowOf = (group: string) => built.get(group)!.row;
  const computed = (group: string, label: string, values: number[]) => section({ summary: totalsCells(label, values), group });

  const grossProfit = minus(totals("Income"), totals("COGS"));
  const netOperating = minus(grossProfit, totals("Expenses"));
  const netOther = minus(totals("OtherIncome"), totals("OtherExpenses"));
  const netIncome = addAll([netOperating, netOther], width);
  const hasOther = rowOf("OtherIncome") !== undefined || rowOf("OtherExpenses") !== undefined;

  const rows: ReportRow[] = [
    rowOf("Income")!,
    ...(rowOf("COGS") ? [rowOf("COGS")!] : []),
    computed("GrossProfit", "Gross Profit", grossProfit),
    rowOf("Expenses")!,
    computed("NetOperatingIncome", "Net Operating Income", netOperating),
    ...(rowOf("OtherIncome") ? [rowOf("OtherIncome")!] : []),
    ...(rowOf("OtherExpenses") ? [rowOf("OtherExpenses")!] : []),
    ...(hasOther ? [computed("NetOtherIncome", "Net Other Income", netOther)] : []),
    computed("NetIncome", "Net Income", netIncome),
  ];
  return {
    Header: reportHeader(ctx, { name: "ProfitAndLoss", period, basis, summarize, accountingStandard: true, noData: !hasData(rows) }),
    Columns: { Column: [column("", "Account", "account"), ...columns] },
    Rows: { Row: rows },
  };
}
