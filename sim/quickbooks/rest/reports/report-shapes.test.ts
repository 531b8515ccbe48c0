// Report shapes as Intuit's samples show them (Header, Columns, Section/Data rows, groups), the
// GeneralLedger's rows, AccountList, sub-accounts nested under their parents, periods and faults.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSim, type TestSim } from "../../test-helpers";
import { faultOf, type Doc } from "../rules/test-kit";
import { account, cents, company, customer, group, item, NOW, post, report, rowValues, summaryValues, type Company } from "./report-kit";

let t: TestSim;
let c: Company;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestSim({ clock: { now: NOW } });
  c = company(t);
  const bakery = customer(c, "Harbor View Bakery");
  ids.invoice = (await post(c, "Invoice", { TxnDate: "2026-02-10", DocNumber: "1001", CustomerRef: bakery, Line: [{ Amount: 250, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: item(c, "Services") } }] })).Id;
  ids.payment = (await post(c, "Payment", { TxnDate: "2026-03-20", CustomerRef: bakery, TotalAmt: 75.25, DepositToAccountRef: account(c, "Checking"), Line: [{ Amount: 75.25, LinkedTxn: [{ TxnId: ids.invoice, TxnType: "Invoice" }] }] })).Id;
  ids.check = (await post(c, "Purchase", { TxnDate: "2026-03-22", PaymentType: "Check", DocNumber: "501", AccountRef: account(c, "Checking"), Line: [{ Amount: 19.99, DetailType: "AccountBasedExpenseLineDetail", AccountBasedExpenseLineDetail: { AccountRef: account(c, "Utilities") } }] })).Id;
  const sub = await post(c, "Account", { Name: "Warehouse", AccountType: "Expense", SubAccount: true, ParentRef: account(c, "Rent or Lease") });
  ids.sub = sub.Id;
  await post(c, "JournalEntry", {
    TxnDate: "2026-03-31",
    Line: [
      { Amount: 200, DetailType: "JournalEntryLineDetail", JournalEntryLineDetail: { PostingType: "Debit", AccountRef: { value: sub.Id } } },
      { Amount: 50, DetailType: "JournalEntryLineDetail", JournalEntryLineDetail: { PostingType: "Debit", AccountRef: account(c, "Rent or Lease") } },
      { Amount: 250, DetailType: "JournalEntryLineDetail", JournalEntryLineDetail: { PostingType: "Credit", AccountRef: account(c, "Notes Payable") } },
    ],
  });
});
afterAll(async () => {
  await t.sim.stop();
});

describe("headers and columns", () => {
  it("ProfitAndLoss by default: this fiscal year-to-date, the company's basis, GAAP, Total column", async () => {
    const pl = await report(c, "ProfitAndLoss");
    expect(Object.keys(pl.Header)).toEqual(["Time", "ReportName", "DateMacro", "ReportBasis", "StartPeriod", "EndPeriod", "SummarizeColumnsBy", "Currency", "Option"]);
    expect(pl.Header).toMatchObject({
      ReportName: "ProfitAndLoss",
      DateMacro: "this fiscal year-to-date",
      ReportBasis: "Accrual",
      StartPeriod: "2026-01-01",
      EndPeriod: "2026-06-15",
      SummarizeColumnsBy: "Total",
      Currency: "USD",
      Option: [{ Name: "AccountingStandard", Value: "GAAP" }, { Name: "NoReportData", Value: "false" }],
    });
    expect(pl.Header.Time).toMatch(/^2026-06-15T12:00:\d{2}-08:00$/);
    expect(pl.Columns.Column).toEqual([
      { ColTitle: "", ColType: "Account", MetaData: [{ Name: "ColKey", Value: "account" }] },
      { ColTitle: "Total", ColType: "Money", MetaData: [{ Name: "ColKey", Value: "total" }] },
    ]);
    const income = group(pl, "Income");
    expect(income).toMatchObject({ type: "Section", Header: { ColData: [{ value: "Income" }, { value: "" }] }, Summary: { ColData: [{ value: "Total Income" }, { value: "250.00" }] } });
    expect(income.Rows.Row[0]).toEqual({ ColData: [{ value: "Services", id: account(c, "Services").value }, { value: "250.00" }], type: "Data" });
  });

  it("an explicit period has no DateMacro; a period without data says NoReportData", async () => {
    const pl = await report(c, "ProfitAndLoss", "start_date=2025-01-01&end_date=2025-01-31");
    expect(pl.Header.DateMacro).toBeUndefined();
    expect(pl.Header).toMatchObject({ StartPeriod: "2025-01-01", EndPeriod: "2025-01-31" });
    expect(pl.Header.Option[1]).toEqual({ Name: "NoReportData", Value: "true" });
    expect(summaryValues(group(pl, "NetIncome"))).toEqual(["Net Income", "0.00"]);
  });

  it("date macros and the Cash basis", async () => {
    const cases: [string, string, string][] = [
      ["Today", "2026-06-15", "2026-06-15"],
      ["This Month", "2026-06-01", "2026-06-30"],
      ["Last Month", "2026-05-01", "2026-05-31"],
      ["This Fiscal Year", "2026-01-01", "2026-12-31"],
      ["This Fiscal Year-to-date", "2026-01-01", "2026-06-15"],
    ];
    for (const [macro, start, end] of cases) {
      const tb = await report(c, "TrialBalance", `date_macro=${encodeURIComponent(macro)}`);
      expect(tb.Header).toMatchObject({ DateMacro: macro.toLowerCase(), StartPeriod: start, EndPeriod: end });
    }
    expect((await report(c, "BalanceSheet", "accounting_method=Cash")).Header.ReportBasis).toBe("Cash");
  });

  it("the balance sheet's groups nest as in Intuit's sample", async () => {
    const bs = await report(c, "BalanceSheet");
    expect(bs.Rows.Row.map((r: Doc) => [r.group, r.Header.ColData[0].value, r.Summary.ColData[0].value])).toEqual([
      ["TotalAssets", "ASSETS", "TOTAL ASSETS"],
      ["TotalLiabilitiesAndEquity", "LIABILITIES AND EQUITY", "TOTAL LIABILITIES AND EQUITY"],
    ]);
    expect(group(bs, "CurrentAssets").Rows.Row.map((r: Doc) => r.group)).toContain("AR");
    expect(group(bs, "Liabilities").Rows.Row.map((r: Doc) => r.group)).toContain("LongTermLiabilities");
    expect(rowValues(group(bs, "LongTermLiabilities").Rows.Row, "Notes Payable")).toEqual(["Notes Payable", "250.00"]);
  });
});

describe("sub-accounts", () => {
  it("nest under their parent in the P&L, whose header shows its own amount and whose summary totals both", async () => {
    const pl = await report(c, "ProfitAndLoss");
    const parent = group(pl, "Expenses").Rows.Row.find((r: Doc) => r.Header?.ColData[0].value === "Rent or Lease");
    expect(parent).toMatchObject({
      type: "Section",
      Header: { ColData: [{ value: "Rent or Lease", id: account(c, "Rent or Lease").value }, { value: "50.00" }] },
      Rows: { Row: [{ ColData: [{ value: "Warehouse", id: ids.sub }, { value: "200.00" }], type: "Data" }] },
      Summary: { ColData: [{ value: "Total Rent or Lease" }, { value: "250.00" }] },
    });
  });

  it("show by full name in the trial balance and the account list", async () => {
    const tb = await report(c, "TrialBalance");
    expect(rowValues(tb.Rows.Row, "Rent or Lease:Warehouse")).toEqual(["Rent or Lease:Warehouse", "200.00", ""]);
    const list = await report(c, "AccountList");
    expect(rowValues(list.Rows.Row, "Rent or Lease:Warehouse")).toEqual(["Rent or Lease:Warehouse", "Expense", "Other Miscellaneous Service Cost", "", ""]);
  });
});

describe("GeneralLedger", () => {
  it("per account: Beginning Balance, the lines with type, num, name, split, amount and running balance, a total", async () => {
    const gl = await report(c, "GeneralLedger", "start_date=2026-03-01&end_date=2026-03-31");
    expect(gl.Header).toMatchObject({ ReportName: "GeneralLedger", ReportBasis: "Accrual", StartPeriod: "2026-03-01", EndPeriod: "2026-03-31", Currency: "USD" });
    expect(gl.Columns.Column.map((col: Doc) => [col.ColTitle, col.ColType, col.MetaData[0].Value])).toEqual([
      ["Date", "Date", "tx_date"],
      ["Transaction Type", "String", "txn_type"],
      ["Num", "String", "doc_num"],
      ["Name", "String", "name"],
      ["Memo/Description", "String", "memo"],
      ["Split", "String", "split_acc"],
      ["Amount", "Money", "subt_nat_amount"],
      ["Balance", "Money", "rbal_nat_amount"],
    ]);
    const ar = gl.Rows.Row.find((r: Doc) => r.Header.ColData[0].value === "Accounts Receivable (A/R)");
    expect(ar.Header.ColData).toHaveLength(8);
    const [beginning, payment] = ar.Rows.Row.map((r: Doc) => r.ColData);
    expect(beginning.map((d: Doc) => d.value)).toEqual(["Beginning Balance", "", "", "", "", "", "", "250.00"]);
    expect(payment).toMatchObject([
      { value: "2026-03-20" },
      { value: "Payment", id: ids.payment },
      { value: "" },
      { value: "Harbor View Bakery", id: customer(c, "Harbor View Bakery").value },
      {},
      { value: "Checking", id: account(c, "Checking").value },
      { value: "-75.25" },
      { value: "174.75" },
    ]);
    expect(summaryValues(ar)).toEqual(["Total for Accounts Receivable (A/R)", "", "", "", "", "", "-75.25", ""]);

    const checking = gl.Rows.Row.find((r: Doc) => r.Header.ColData[0].value === "Checking").Rows.Row.slice(1).map((r: Doc) => r.ColData.map((d: Doc) => d.value));
    expect(checking.map((r: string[]) => [r[1], r[2], r[5], r[6]])).toEqual([
      ["Payment", "", "Accounts Receivable (A/R)", "75.25"],
      ["Check", "501", "Utilities", "-19.99"],
    ]);
    expect(cents(checking[1][7]) - cents(checking[0][7])).toBe(-1999);

    const rent = gl.Rows.Row.find((r: Doc) => r.Header.ColData[0].value === "Rent or Lease");
    expect(rent.Rows.Row[1].ColData.map((d: Doc) => d.value).slice(1, 7)).toEqual(["Journal Entry", "", "", "", "-Split-", "50.00"]);
    expect(rent.Rows.Row.at(-1).Header.ColData[0]).toEqual({ value: "Warehouse", id: ids.sub });
    expect(summaryValues(rent)).toEqual(["Total for Rent or Lease with sub-accounts", "", "", "", "", "", "250.00", ""]);
  });
});

describe("AccountList", () => {
  it("lists accounts with type, detail type, description and balance-sheet balances", async () => {
    const list = await report(c, "AccountList");
    expect(list.Header).toMatchObject({ ReportName: "AccountList", Currency: "USD", Option: [{ Name: "NoReportData", Value: "false" }] });
    expect(list.Header.StartPeriod).toBeUndefined();
    expect(list.Columns.Column.map((col: Doc) => col.ColTitle)).toEqual(["Account", "Type", "Detail Type", "Description", "Balance"]);
    expect(list.Rows.Row[0].ColData[0]).toEqual({ value: "Checking", id: account(c, "Checking").value });
    expect(rowValues(list.Rows.Row, "Accounts Receivable (A/R)")).toEqual(["Accounts Receivable (A/R)", "Accounts Receivable", "Accounts Receivable", "", "174.75"]);
    expect(rowValues(list.Rows.Row, "Services")?.[4]).toBe("");
  });

  it("filters by account_type and picks columns", async () => {
    const list = await report(c, "AccountList", "account_type=Income,OtherIncome&columns=account_name,account_type");
    expect(list.Columns.Column).toEqual([{ ColTitle: "Account", ColType: "account_name" }, { ColTitle: "Type", ColType: "account_type" }]);
    expect(new Set(list.Rows.Row.map((r: Doc) => r.ColData[1].value))).toEqual(new Set(["Income", "Other Income"]));
  });
});

describe("faults", () => {
  it("an unknown report is Unsupported Operation", async () => {
    const res = await c.api("GET", "/reports/NoSuchReport");
    expect(res.status).toBe(400);
    expect(faultOf(res.body)).toMatchObject({ code: "500", Message: "Unsupported Operation" });
    expect(faultOf(res.body).Detail).toContain("/reports/NoSuchReport");
  });

  it("a bad date, macro, method or summarize_column_by is a validation fault naming the parameter", async () => {
    const cases: [string, string][] = [
      ["ProfitAndLoss?start_date=2026-02-30", "start_date"],
      ["BalanceSheet?end_date=June", "end_date"],
      ["TrialBalance?start_date=2026-05-01&end_date=2026-04-01", "start_date"],
      ["ProfitAndLoss?date_macro=Someday", "date_macro"],
      ["GeneralLedger?accounting_method=Barter", "accounting_method"],
      ["ProfitAndLoss?summarize_column_by=Customers", "summarize_column_by"],
      ["AccountList?account_type=Nonsense", "account_type"],
    ];
    for (const [path, element] of cases) {
      const res = await c.api("GET", `/reports/${path}`);
      expect(res.status, path).toBe(400);
      expect(res.body.Fault.type).toBe("ValidationFault");
      expect(faultOf(res.body), path).toMatchObject({ code: "2050", element });
    }
  });
});
