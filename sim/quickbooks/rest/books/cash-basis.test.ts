// Cash basis: an invoice's income and tax reach the books only as it is paid, in proportion; a sale paid at
// once is the same on both bases.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSim, type TestSim } from "../../test-helpers";
import { entityOf, idOf } from "../rules/test-kit";
import { company, type Company } from "./books-kit";

let t: TestSim;
let c: Company;

beforeAll(async () => {
  t = await startTestSim();
  c = company(t, { name: "Cash Basis Books" });
});
afterAll(async () => {
  await t.sim.stop();
});

describe("cash basis", () => {
  it("books an invoice's income and tax as it is paid", async () => {
    const customer = idOf(c.realm, "Customer", "DisplayName", "Harbor View Bakery");
    const widget = idOf(c.realm, "Item", "Name", "Widget");
    // 4 widgets at 25.00 = 100.00, 8 % tax = 8.00, total 108.00.
    const invoice = entityOf((await c.api("POST", "/invoice", { CustomerRef: { value: customer }, Line: [{ Amount: 100, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: { value: widget }, Qty: 4, UnitPrice: 25 } }] })).body, "Invoice");
    expect(invoice.TotalAmt).toBe(108);
    expect(c.ledger("Sales of Product Income")).toBe(-10_000);
    expect(c.ledger("Sales of Product Income", "Cash")).toBe(0);
    expect(c.ledger("Sales Tax Payable", "Cash")).toBe(0);
    expect(c.ledger("Accounts Receivable (A/R)", "Cash")).toBe(0);

    await c.api("POST", "/payment", { CustomerRef: { value: customer }, TotalAmt: 54, Line: [{ Amount: 54, LinkedTxn: [{ TxnId: invoice.Id, TxnType: "Invoice" }] }] });
    expect(c.ledger("Sales of Product Income", "Cash")).toBe(-5_000);
    expect(c.ledger("Sales Tax Payable", "Cash")).toBe(-400);
    expect(c.ledger("Undeposited Funds", "Cash")).toBe(5_400);

    // A payment of 60.00 on the remaining 54.00 leaves 6.00 unapplied: that stays a credit on A/R.
    await c.api("POST", "/payment", { CustomerRef: { value: customer }, TotalAmt: 60, Line: [{ Amount: 54, LinkedTxn: [{ TxnId: invoice.Id, TxnType: "Invoice" }] }] });
    expect(c.ledger("Sales of Product Income", "Cash")).toBe(-10_000);
    expect(c.ledger("Sales Tax Payable", "Cash")).toBe(-800);
    expect(c.ledger("Accounts Receivable (A/R)", "Cash")).toBe(-600);
    expect(c.ledger("Accounts Receivable (A/R)")).toBe(-600);
  });

  it("books a bill's expense as it is paid", async () => {
    const vendor = idOf(c.realm, "Vendor", "DisplayName", "Pacific Paper Supply");
    const bill = entityOf((await c.api("POST", "/bill", { VendorRef: { value: vendor }, Line: [{ Amount: 90, DetailType: "AccountBasedExpenseLineDetail", AccountBasedExpenseLineDetail: { AccountRef: { value: c.account("Office Supplies & Software") } } }] })).body, "Bill");
    expect(c.ledger("Office Supplies & Software", "Cash")).toBe(0);
    await c.api("POST", "/billpayment", { VendorRef: { value: vendor }, PayType: "Check", TotalAmt: 30, CheckPayment: { BankAccountRef: { value: c.account("Checking") } }, Line: [{ Amount: 30, LinkedTxn: [{ TxnId: bill.Id, TxnType: "Bill" }] }] });
    expect(c.ledger("Office Supplies & Software", "Cash")).toBe(3_000);
    expect(c.ledger("Office Supplies & Software")).toBe(9_000);
    expect(c.ledger("Accounts Payable (A/P)", "Cash")).toBe(0);
  });

  it("a sales receipt is the same on both bases", async () => {
    await c.api("POST", "/salesreceipt", { Line: [{ Amount: 40, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: { value: idOf(c.realm, "Item", "Name", "Consulting") } } }] });
    expect(c.ledger("Services", "Cash")).toBe(c.ledger("Services"));
    expect(c.ledger("Services")).toBe(-4_000);
  });
});
