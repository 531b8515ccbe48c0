// Report figures from a handful of transactions, worked out by hand below. Opening balances (Checking,
// Savings, Inventory Asset against Opening Balance Equity) may or may not be in the journal, so figures are
// asserted on the accounts they do not touch, and Checking only by differences.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSim, type TestSim } from "../../test-helpers";
import { account, allRows, cents, company, customer, group, hasGroup, item, NOW, post, report, rowValues, summaryValues, type Company } from "./report-kit";

let t: TestSim;
let c: Company;
const ids: Record<string, string> = {};

const je = (posting: "Debit" | "Credit", amount: number, name: string) => ({
  Amount: amount,
  DetailType: "JournalEntryLineDetail",
  JournalEntryLineDetail: { PostingType: posting, AccountRef: account(c, name) },
});

beforeAll(async () => {
  t = await startTestSim({ clock: { now: NOW } });
  c = company(t);
  const bakery = customer(c, "Harbor View Bakery");
  // Last fiscal year: 1000.00 of Services, still owed. It closes into Retained Earnings.
  await post(c, "Invoice", { TxnDate: "2025-12-15", CustomerRef: bakery, Line: [{ Amount: 1000, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: item(c, "Services") } }] });
  // Feb: 2 × 150.00 Consulting (Services income) on account.
  const invoice = await post(c, "Invoice", {
    TxnDate: "2026-02-10",
    CustomerRef: bakery,
    Line: [{ Amount: 300, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: item(c, "Consulting"), Qty: 2, UnitPrice: 150 } }],
  });
  ids.invoice = invoice.Id;
  // Mar 5: 120.00 of Services less 10 % (12.00, Discounts given) = 108.00 into Undeposited Funds.
  const receipt = await post(c, "SalesReceipt", {
    TxnDate: "2026-03-05",
    CustomerRef: bakery,
    Line: [
      { Amount: 120, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: item(c, "Services") } },
      { DetailType: "DiscountLineDetail", DiscountLineDetail: { PercentBased: true, DiscountPercent: 10 } },
    ],
  });
  expect(receipt.TotalAmt).toBe(108);
  ids.receipt = receipt.Id;
  // Mar 20: 100.00 of the Feb invoice paid into Checking.
  ids.payment = (await post(c, "Payment", { TxnDate: "2026-03-20", CustomerRef: bakery, TotalAmt: 100, DepositToAccountRef: account(c, "Checking"), Line: [{ Amount: 100, LinkedTxn: [{ TxnId: invoice.Id, TxnType: "Invoice" }] }] })).Id;
  // Apr 2: 45.50 of office supplies paid from Checking.
  ids.expense = (await post(c, "Purchase", { TxnDate: "2026-04-02", PaymentType: "Cash", AccountRef: account(c, "Checking"), Line: [{ Amount: 45.5, DetailType: "AccountBasedExpenseLineDetail", AccountBasedExpenseLineDetail: { AccountRef: account(c, "Office Supplies & Software") } }] })).Id;
  // Apr 30: 800.00 of rent accrued to Loan Payable.
  ids.journal = (await post(c, "JournalEntry", { TxnDate: "2026-04-30", DocNumber: "JE-7", Line: [je("Debit", 800, "Rent or Lease"), je("Credit", 800, "Loan Payable")] })).Id;
  // May 20, after the period: 30.00 of travel.
  await post(c, "Purchase", { TxnDate: "2026-05-20", PaymentType: "Cash", AccountRef: account(c, "Checking"), Line: [{ Amount: 30, DetailType: "AccountBasedExpenseLineDetail", AccountBasedExpenseLineDetail: { AccountRef: account(c, "Travel") } }] });
});
afterAll(async () => {
  await t.sim.stop();
});

const PERIOD = "start_date=2026-01-01&end_date=2026-04-30";

describe("ProfitAndLoss", () => {
  it("income less discounts, expenses, net income to the cent; later transactions left out", async () => {
    const pl = await report(c, "ProfitAndLoss", PERIOD);
    const income = group(pl, "Income");
    // Services 300.00 + 120.00; Discounts given -12.00 (a debit to an income account).
    expect(income.Rows.Row.map((r: { ColData: { value: string }[] }) => r.ColData.map((d) => d.value))).toEqual([
      ["Discounts given", "-12.00"],
      ["Services", "420.00"],
    ]);
    expect(income.Rows.Row[1].ColData[0].id).toBe(account(c, "Services").value);
    expect(summaryValues(income)).toEqual(["Total Income", "408.00"]);
    expect(hasGroup(pl, "COGS")).toBe(false);
    expect(summaryValues(group(pl, "GrossProfit"))).toEqual(["Gross Profit", "408.00"]);
    const expenses = group(pl, "Expenses");
    expect(rowValues(expenses.Rows.Row, "Office Supplies & Software")).toEqual(["Office Supplies & Software", "45.50"]);
    expect(rowValues(expenses.Rows.Row, "Rent or Lease")).toEqual(["Rent or Lease", "800.00"]);
    expect(rowValues(expenses.Rows.Row, "Travel")).toBeUndefined();
    expect(summaryValues(expenses)).toEqual(["Total Expenses", "845.50"]);
    // 408.00 - 845.50
    expect(summaryValues(group(pl, "NetOperatingIncome"))).toEqual(["Net Operating Income", "-437.50"]);
    expect(summaryValues(group(pl, "NetIncome"))).toEqual(["Net Income", "-437.50"]);
    expect(pl.Rows.Row.map((r: { group: string }) => r.group)).toEqual(["Income", "GrossProfit", "Expenses", "NetOperatingIncome", "NetIncome"]);
  });

  it("May alone holds only the travel expense", async () => {
    const pl = await report(c, "ProfitAndLoss", "start_date=2026-05-01&end_date=2026-05-31");
    expect(group(pl, "Income").Rows).toBeUndefined();
    expect(summaryValues(group(pl, "Income"))).toEqual(["Total Income", ""]);
    expect(group(pl, "Expenses").Rows.Row.map((r: { ColData: { value: string }[] }) => r.ColData[0]!.value)).toEqual(["Travel"]);
    expect(summaryValues(group(pl, "NetIncome"))).toEqual(["Net Income", "-30.00"]);
  });

  it("by month: a column per month, blank where nothing moved, and a Total", async () => {
    const pl = await report(c, "ProfitAndLoss", `${PERIOD}&summarize_column_by=Month`);
    expect(pl.Header.SummarizeColumnsBy).toBe("Month");
    expect(pl.Columns.Column.map((col: { ColTitle: string }) => col.ColTitle)).toEqual(["", "Jan 2026", "Feb 2026", "Mar 2026", "Apr 2026", "Total"]);
    expect(pl.Columns.Column[2].MetaData).toEqual([{ Name: "StartDate", Value: "2026-02-01" }, { Name: "EndDate", Value: "2026-02-28" }, { Name: "ColKey", Value: "Feb 2026" }]);
    const income = group(pl, "Income");
    expect(rowValues(income.Rows.Row, "Services")).toEqual(["Services", "", "300.00", "120.00", "", "420.00"]);
    expect(summaryValues(group(pl, "NetIncome"))).toEqual(["Net Income", "0.00", "300.00", "108.00", "-845.50", "-437.50"]);
  });
});

describe("BalanceSheet", () => {
  it("A/R, Undeposited Funds, Loan Payable, Retained Earnings (last year) and Net Income (this year)", async () => {
    const bs = await report(c, "BalanceSheet", PERIOD);
    // 1000.00 (2025) + 300.00 - 100.00
    expect(rowValues(group(bs, "AR").Rows.Row, "Accounts Receivable (A/R)")).toEqual(["Accounts Receivable (A/R)", "1200.00"]);
    expect(rowValues(group(bs, "OtherCurrentAssets").Rows.Row, "Undeposited Funds")).toEqual(["Undeposited Funds", "108.00"]);
    expect(rowValues(group(bs, "OtherCurrentLiabilities").Rows.Row, "Loan Payable")).toEqual(["Loan Payable", "800.00"]);
    const equity = group(bs, "Equity");
    expect(rowValues(equity.Rows.Row, "Retained Earnings")).toEqual(["Retained Earnings", "1000.00"]);
    const netIncome = equity.Rows.Row.find((r: { group?: string }) => r.group === "NetIncome");
    expect(netIncome).toEqual({ ColData: [{ value: "Net Income" }, { value: "-437.50" }], type: "Data", group: "NetIncome" });
    // Checking moved by +100.00 - 45.50 over whatever it opened with.
    const checking = cents(rowValues(group(bs, "BankAccounts").Rows.Row, "Checking")![1]!);
    const before = await report(c, "BalanceSheet", "end_date=2026-03-19");
    const opening = hasGroup(before, "BankAccounts") ? cents(rowValues(group(before, "BankAccounts").Rows.Row, "Checking")?.[1] ?? "0.00") : 0;
    expect(checking - opening).toBe(5450);
    expect(summaryValues(group(bs, "TotalAssets"))[1]).toBe(summaryValues(group(bs, "TotalLiabilitiesAndEquity"))[1]);
  });

  it("its Net Income row is the P&L's net income for the fiscal year to date", async () => {
    for (const end of ["2026-03-31", "2026-04-30", "2026-06-15"]) {
      const pl = await report(c, "ProfitAndLoss", `start_date=2026-01-01&end_date=${end}`);
      const bs = await report(c, "BalanceSheet", `start_date=2026-01-01&end_date=${end}`);
      const row = allRows(bs.Rows.Row).find((r) => r.group === "NetIncome");
      expect(row.ColData[1].value).toBe(summaryValues(group(pl, "NetIncome"))[1]);
    }
  });
});

describe("TrialBalance", () => {
  it("debits equal credits; each account on its side; last year's income in Retained Earnings", async () => {
    const tb = await report(c, "TrialBalance", PERIOD);
    const rows = tb.Rows.Row.filter((r: { type: string }) => r.type === "Data");
    const values = (name: string) => rowValues(rows, name);
    expect(values("Accounts Receivable (A/R)")).toEqual(["Accounts Receivable (A/R)", "1200.00", ""]);
    expect(values("Undeposited Funds")).toEqual(["Undeposited Funds", "108.00", ""]);
    expect(values("Loan Payable")).toEqual(["Loan Payable", "", "800.00"]);
    expect(values("Retained Earnings")).toEqual(["Retained Earnings", "", "1000.00"]);
    // Only this fiscal year's income: the 2025 invoice is closed out.
    expect(values("Services")).toEqual(["Services", "", "420.00"]);
    expect(values("Discounts given")).toEqual(["Discounts given", "12.00", ""]);
    expect(values("Office Supplies & Software")).toEqual(["Office Supplies & Software", "45.50", ""]);
    expect(values("Rent or Lease")).toEqual(["Rent or Lease", "800.00", ""]);
    expect(values("Travel")).toBeUndefined();
    const total = tb.Rows.Row.at(-1);
    expect(total).toMatchObject({ type: "Section", group: "GrandTotal" });
    const [label, debit, credit] = summaryValues(total);
    expect(label).toBe("TOTAL");
    expect(debit).toBe(credit);
    const sum = (i: number) => rows.reduce((s: number, r: { ColData: { value: string }[] }) => s + (r.ColData[i]!.value ? cents(r.ColData[i]!.value) : 0), 0);
    expect(sum(1)).toBe(cents(debit!));
    expect(sum(2)).toBe(cents(credit!));
  });
});

describe("home currency", () => {
  it("a EUR invoice counts at its home-currency amount", async () => {
    const multi = company(t, { multicurrency: true });
    multi.realm.exchangeRates["EUR:2026-03-01"] = "1.0825";
    const buyer = await post(multi, "Customer", { DisplayName: "Berlin Buyer GmbH", CurrencyRef: { value: "EUR" } });
    await post(multi, "Invoice", { TxnDate: "2026-03-02", CustomerRef: { value: buyer.Id }, Line: [{ Amount: 333.33, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: item(multi, "Consulting") } }] });
    const pl = await report(multi, "ProfitAndLoss", "start_date=2026-03-01&end_date=2026-03-31");
    expect(pl.Header.Currency).toBe("USD");
    // 333.33 × 1.0825 = 360.829725 -> 360.83
    expect(rowValues(group(pl, "Income").Rows.Row, "Services")).toEqual(["Services", "360.83"]);
    const tb = await report(multi, "TrialBalance", "start_date=2026-03-01&end_date=2026-03-31");
    const [, debit, credit] = summaryValues(tb.Rows.Row.at(-1));
    expect(debit).toBe(credit);
  });
});
