// Multicurrency as QuickBooks keeps it: A/R and A/P per currency, settlements at each document's own rate
// with the difference booked as a realised exchange gain or loss, and accounts limited to the transaction's
// currency or the home currency.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSim, type TestSim } from "../../test-helpers";
import { entityOf, faultOf, idOf } from "../rules/test-kit";
import { company, type Company } from "./books-kit";

let t: TestSim;
let c: Company;
let eurCustomer: string;
let eurVendor: string;
const item = () => idOf(c.realm, "Item", "Name", "Consulting");
const line = (amount: number) => ({ Amount: amount, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: { value: item() } } });

beforeAll(async () => {
  t = await startTestSim();
  c = company(t, { name: "Euro Trading", multicurrency: true });
  eurCustomer = entityOf((await c.api("POST", "/customer", { DisplayName: "Lyon Client SARL", CurrencyRef: { value: "EUR" } })).body, "Customer").Id;
  eurVendor = entityOf((await c.api("POST", "/vendor", { DisplayName: "Dublin Supplies Ltd", CurrencyRef: { value: "EUR" } })).body, "Vendor").Id;
  await c.api("POST", "/account", { Name: "Euro Account", AccountType: "Bank", CurrencyRef: { value: "EUR" } });
});
afterAll(async () => {
  await t.sim.stop();
});

describe("a EUR invoice paid at another rate", () => {
  let invoiceId: string;
  let payment: { Id: string; SyncToken: string };

  it("is owed on its own A/R account in EUR, not on the home A/R", async () => {
    const invoice = entityOf((await c.api("POST", "/invoice", { CustomerRef: { value: eurCustomer }, TxnDate: "2026-04-01", ExchangeRate: 1.1, Line: [line(100)] })).body, "Invoice");
    invoiceId = invoice.Id;
    const ar = await c.read("Accounts Receivable (A/R) - EUR");
    expect(ar).toMatchObject({ AccountType: "Accounts Receivable", CurrencyRef: { value: "EUR" }, CurrentBalance: 100 });
    expect((await c.read("Accounts Receivable (A/R)")).CurrentBalance).toBe(0);
    expect(c.ledger("Accounts Receivable (A/R) - EUR")).toBe(11_000);
  });

  it("clears the invoice at 1.1, takes in 120.00 at 1.2 and books a realised gain of 10.00", async () => {
    payment = entityOf(
      (await c.api("POST", "/payment", { CustomerRef: { value: eurCustomer }, TxnDate: "2026-04-20", TotalAmt: 100, ExchangeRate: 1.2, Line: [{ Amount: 100, LinkedTxn: [{ TxnId: invoiceId, TxnType: "Invoice" }] }] })).body,
      "Payment",
    );
    expect((await c.read("Accounts Receivable (A/R) - EUR")).CurrentBalance).toBe(0);
    expect((await c.read("Accounts Receivable (A/R)")).CurrentBalance).toBe(0);
    expect((await c.read("Undeposited Funds")).CurrentBalance).toBe(120);
    expect(c.ledger("Accounts Receivable (A/R) - EUR")).toBe(0);
    // A credit on Exchange Gain or Loss is a gain.
    expect(c.ledger("Exchange Gain or Loss")).toBe(-1_000);
  });

  it("recomputes the gain when the invoice's rate is corrected", async () => {
    const invoice = entityOf((await c.api("GET", `/invoice/${invoiceId}`)).body, "Invoice");
    const updated = await c.api("POST", "/invoice", { Id: invoice.Id, SyncToken: invoice.SyncToken, sparse: true, ExchangeRate: 1.15 });
    expect(updated.status).toBe(200);
    expect(c.ledger("Exchange Gain or Loss")).toBe(-500);
    expect(c.ledger("Accounts Receivable (A/R) - EUR")).toBe(0);
  });

  it("takes the gain back when the payment is voided", async () => {
    const read = entityOf((await c.api("GET", `/payment/${payment.Id}`)).body, "Payment");
    expect((await c.api("POST", "/payment?operation=void", { Id: read.Id, SyncToken: read.SyncToken })).status).toBe(200);
    expect(c.ledger("Exchange Gain or Loss")).toBe(0);
    expect((await c.read("Accounts Receivable (A/R) - EUR")).CurrentBalance).toBe(100);
    expect((await c.read("Undeposited Funds")).CurrentBalance).toBe(0);
  });
});

describe("account currencies", () => {
  it("refuses home-currency and GBP receipts into a EUR bank account", async () => {
    const usd = await c.api("POST", "/salesreceipt", { DepositToAccountRef: { value: c.account("Euro Account") }, Line: [line(10)] });
    expect(usd.status).toBe(400);
    expect(faultOf(usd.body).code).toBe("6000");
    const gbp = await c.api("POST", "/salesreceipt", { CurrencyRef: { value: "GBP" }, ExchangeRate: 1.27, DepositToAccountRef: { value: c.account("Euro Account") }, Line: [line(10)] });
    expect(faultOf(gbp.body).code).toBe("6000");
    expect((await c.read("Euro Account")).CurrentBalance).toBe(0);
  });

  it("moves a EUR account by euros and a home account by dollars", async () => {
    const before = (await c.read("Checking")).CurrentBalance as number;
    const intoEuro = await c.api("POST", "/salesreceipt", { CustomerRef: { value: eurCustomer }, ExchangeRate: 1.1, DepositToAccountRef: { value: c.account("Euro Account") }, Line: [line(50)] });
    expect(intoEuro.status).toBe(200);
    expect((await c.read("Euro Account")).CurrentBalance).toBe(50);
    const intoHome = await c.api("POST", "/salesreceipt", { CustomerRef: { value: eurCustomer }, ExchangeRate: 1.1, DepositToAccountRef: { value: c.account("Checking") }, Line: [line(50)] });
    expect(intoHome.status).toBe(200);
    expect(((await c.read("Checking")).CurrentBalance as number) - before).toBeCloseTo(55, 10);
  });

  it("deposits a EUR payment into the EUR bank at the day's rate, booking the difference", async () => {
    const gainBefore = c.ledger("Exchange Gain or Loss");
    const pay = entityOf((await c.api("POST", "/payment", { CustomerRef: { value: eurCustomer }, TotalAmt: 100, ExchangeRate: 1.2 })).body, "Payment");
    const deposit = await c.api("POST", "/deposit", {
      DepositToAccountRef: { value: c.account("Euro Account") },
      CurrencyRef: { value: "EUR" },
      ExchangeRate: 1.25,
      Line: [{ Amount: 100, LinkedTxn: [{ TxnId: pay.Id, TxnType: "Payment" }] }],
    });
    expect(deposit.status).toBe(200);
    expect((await c.read("Euro Account")).CurrentBalance).toBe(150);
    // 100 EUR left Undeposited Funds at 120.00 and arrived at 125.00.
    expect(c.ledger("Exchange Gain or Loss") - gainBefore).toBe(-500);
  });

  it("pays a EUR bill from the EUR bank through A/P in EUR, with the realised difference", async () => {
    const bill = entityOf(
      (await c.api("POST", "/bill", { VendorRef: { value: eurVendor }, ExchangeRate: 1.1, Line: [{ Amount: 200, DetailType: "AccountBasedExpenseLineDetail", AccountBasedExpenseLineDetail: { AccountRef: { value: c.account("Office Supplies & Software") } } }] })).body,
      "Bill",
    );
    expect((await c.read("Accounts Payable (A/P) - EUR")).CurrencyRef).toEqual({ value: "EUR", name: "Euro" });
    const gainBefore = c.ledger("Exchange Gain or Loss");
    const paid = await c.api("POST", "/billpayment", {
      VendorRef: { value: eurVendor },
      PayType: "Check",
      TotalAmt: 200,
      ExchangeRate: 1.05,
      CheckPayment: { BankAccountRef: { value: c.account("Euro Account") } },
      Line: [{ Amount: 200, LinkedTxn: [{ TxnId: bill.Id, TxnType: "Bill" }] }],
    });
    expect(paid.status).toBe(200);
    expect(c.ledger("Accounts Payable (A/P) - EUR")).toBe(0);
    expect((await c.read("Euro Account")).CurrentBalance).toBe(-50);
    // Owed 220.00 at 1.1, paid 210.00 at 1.05: a gain of 10.00.
    expect(c.ledger("Exchange Gain or Loss") - gainBefore).toBe(-1_000);
  });
});
