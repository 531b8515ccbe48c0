// A seeded company's day of mixed transactions: sales with tax, a refund, a part payment, a deposit of
// undeposited funds with a card fee netted out, and a EUR sale settled at another rate. Its reports must
// match the figures an accountant computes by hand (below), to the cent, on both bases.
//
// Opening balances (seeded): Checking 5,000.00, Savings 2,500.00, Inventory Asset 1,000.00, all against
// Opening Balance Equity 8,500.00. That same day:
//   1. Sales receipt, 2 Widgets × 25.00 taxable at 8 %: Dr Undeposited 54.00 / Cr Product income 50.00, Sales tax 4.00
//   2. Invoice, Harbor View: 3 × Consulting 150.00 (not taxable) + 4 Widgets 100.00 (8.00 tax) = 558.00:
//      Dr A/R 558.00 / Cr Services 450.00, Product income 100.00, Sales tax 8.00
//   3. Payment of 300.00 on that invoice: Dr Undeposited 300.00 / Cr A/R 300.00
//   4. Refund receipt, 1 Widget 25.00 + 2.00 tax, from Checking: Dr Product income 25.00, Sales tax 2.00 / Cr Checking 27.00
//   5. Deposit of 1 and 3 (354.00) to Checking less a 10.62 card fee: Dr Checking 343.38, Merchant fees 10.62 / Cr Undeposited 354.00
//   6. EUR invoice, 200.00 Consulting at 1.08 (216.00), paid in full at 1.10 (220.00):
//      Dr A/R-EUR 216.00 / Cr Services 216.00; Dr Undeposited 220.00 / Cr A/R-EUR 216.00, Exchange gain 4.00
// Accrual: income 125.00 + 666.00 = 791.00; expenses 10.62; other expense (gain) -4.00; net income 784.38.
// Cash: the invoice counts for 300/558 of its lines (Services 241.94, Product 53.76, tax 4.30; they add up to
// 300.00), the EUR invoice in full: income 78.76 + 457.94 = 536.70; net income 536.70 - 10.62 + 4.00 = 530.08.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSim, type TestSim } from "../../test-helpers";
import { account, cents, company, customer, group, item, NOW, post, report, rowValues, summaryValues, type Company } from "./report-kit";

let t: TestSim;
let c: Company;
// The company is created (and its opening balances dated) on the sim clock's day, 2026-06-15.
const day = "2026-06-15";
const period = `start_date=${day}&end_date=${day}`;

const sales = (name: string, amount: number, qty?: number, price?: number) => ({
  Amount: amount,
  DetailType: "SalesItemLineDetail",
  SalesItemLineDetail: { ItemRef: item(c, name), ...(qty ? { Qty: qty, UnitPrice: price } : {}) },
});

beforeAll(async () => {
  t = await startTestSim({ clock: { now: NOW } });
  c = company(t, { multicurrency: true });
  const bakery = customer(c, "Harbor View Bakery");
  const receipt = await post(c, "SalesReceipt", { TxnDate: day, Line: [sales("Widget", 50, 2, 25)] });
  expect(receipt.TotalAmt).toBe(54);
  const invoice = await post(c, "Invoice", { TxnDate: day, CustomerRef: bakery, Line: [sales("Consulting", 450, 3, 150), sales("Widget", 100, 4, 25)] });
  expect(invoice.TotalAmt).toBe(558);
  const payment = await post(c, "Payment", { TxnDate: day, CustomerRef: bakery, TotalAmt: 300, Line: [{ Amount: 300, LinkedTxn: [{ TxnId: invoice.Id, TxnType: "Invoice" }] }] });
  const refund = await post(c, "RefundReceipt", { TxnDate: day, DepositToAccountRef: account(c, "Checking"), Line: [sales("Widget", 25, 1, 25)] });
  expect(refund.TotalAmt).toBe(27);
  const deposit = await post(c, "Deposit", {
    TxnDate: day,
    DepositToAccountRef: account(c, "Checking"),
    Line: [
      { Amount: 54, LinkedTxn: [{ TxnId: receipt.Id, TxnType: "SalesReceipt" }] },
      { Amount: 300, LinkedTxn: [{ TxnId: payment.Id, TxnType: "Payment" }] },
      { Amount: -10.62, DetailType: "DepositLineDetail", DepositLineDetail: { AccountRef: account(c, "Merchant Account Fees") } },
    ],
  });
  expect(deposit.TotalAmt).toBe(343.38);
  const lyon = await post(c, "Customer", { DisplayName: "Lyon Client SARL", CurrencyRef: { value: "EUR" } });
  const euro = await post(c, "Invoice", { TxnDate: day, CustomerRef: { value: lyon.Id }, ExchangeRate: 1.08, Line: [sales("Consulting", 200)] });
  expect(euro.HomeTotalAmt).toBe(216);
  await post(c, "Payment", { TxnDate: day, CustomerRef: { value: lyon.Id }, TotalAmt: 200, ExchangeRate: 1.1, Line: [{ Amount: 200, LinkedTxn: [{ TxnId: euro.Id, TxnType: "Invoice" }] }] });
});
afterAll(async () => {
  await t.sim.stop();
});

const amountOf = (rows: unknown[] | undefined, label: string, column = 1) => {
  const values = rowValues(rows as never, label);
  if (!values) throw new Error(`No row ${label}`);
  return cents(values[column]!);
};

describe("a day of mixed transactions, by hand and by report", () => {
  it.each([
    ["Accrual", { product: 12_500, services: 66_600, income: 79_100, fees: 1_062, gain: -400, net: 78_438 }],
    ["Cash", { product: 7_876, services: 45_794, income: 53_670, fees: 1_062, gain: -400, net: 53_008 }],
  ])("profit and loss, %s basis", async (basis, expected) => {
    const pl = await report(c, "ProfitAndLoss", `${period}&accounting_method=${basis}`);
    expect(pl.Header).toMatchObject({ ReportName: "ProfitAndLoss", ReportBasis: basis, StartPeriod: day, EndPeriod: day, Currency: "USD" });
    const income = group(pl, "Income");
    expect(amountOf(income.Rows.Row, "Sales of Product Income")).toBe(expected.product);
    expect(amountOf(income.Rows.Row, "Services")).toBe(expected.services);
    expect(cents(summaryValues(income)[1]!)).toBe(expected.income);
    expect(amountOf(group(pl, "Expenses").Rows.Row, "Merchant Account Fees")).toBe(expected.fees);
    expect(amountOf(group(pl, "OtherExpenses").Rows.Row, "Exchange Gain or Loss")).toBe(expected.gain);
    expect(cents(summaryValues(group(pl, "NetIncome"))[1]!)).toBe(expected.net);
  });

  it("balance sheet at the end of the day", async () => {
    const bs = await report(c, "BalanceSheet", `end_date=${day}`);
    const rows = bs.Rows.Row;
    expect(amountOf(rows, "Checking")).toBe(531_638);
    expect(amountOf(rows, "Savings")).toBe(250_000);
    expect(amountOf(rows, "Undeposited Funds")).toBe(22_000);
    expect(amountOf(rows, "Accounts Receivable (A/R)")).toBe(25_800);
    expect(rowValues(rows, "Accounts Receivable (A/R) - EUR")).toBeUndefined();
    expect(amountOf(rows, "Inventory Asset")).toBe(100_000);
    expect(amountOf(rows, "Sales Tax Payable")).toBe(1_000);
    expect(amountOf(rows, "Opening Balance Equity")).toBe(850_000);
    expect(amountOf(rows, "Net Income")).toBe(78_438);
    expect(cents(summaryValues(group(bs, "TotalAssets"))[1]!)).toBe(929_438);
    expect(cents(summaryValues(group(bs, "TotalLiabilitiesAndEquity"))[1]!)).toBe(929_438);
  });

  it("trial balance: each account on its side, 9,305.00 each way", async () => {
    const tb = await report(c, "TrialBalance", `start_date=${day}&end_date=${day}`);
    const rows = tb.Rows.Row;
    const debit = (label: string) => rowValues(rows, label)?.[1];
    const credit = (label: string) => rowValues(rows, label)?.[2];
    expect([debit("Checking"), debit("Undeposited Funds"), debit("Accounts Receivable (A/R)"), debit("Merchant Account Fees")]).toEqual(["5316.38", "220.00", "258.00", "10.62"]);
    expect([credit("Sales Tax Payable"), credit("Opening Balance Equity"), credit("Sales of Product Income"), credit("Services"), credit("Exchange Gain or Loss")]).toEqual(["10.00", "8500.00", "125.00", "666.00", "4.00"]);
    const total = rows.find((row: { group?: string }) => row.group === "GrandTotal");
    expect(summaryValues(total)).toEqual(["TOTAL", "9305.00", "9305.00"]);
  });

  it("the running balances QuickBooks shows on the accounts agree", async () => {
    const balance = async (name: string) => (await c.api("GET", `/account/${account(c, name).value}`)).body.Account.CurrentBalance;
    expect(await balance("Checking")).toBe(5316.38);
    expect(await balance("Undeposited Funds")).toBe(220);
    expect(await balance("Sales Tax Payable")).toBe(10);
  });
});
