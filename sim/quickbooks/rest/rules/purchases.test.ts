// Expenses: purchases paid at once, bills, and bill payments that settle them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSim, type TestSim } from "../../test-helpers";
import { accountId, entityOf, faultOf, vendorId, type Doc } from "./test-kit";

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim();
});
afterAll(async () => {
  await t.sim.stop();
});

const account = (name: string) => ({ value: accountId(t.realm, name) });
const read = async (entity: string, id: string): Promise<Doc> => entityOf((await t.api("GET", `/${entity.toLowerCase()}/${id}`)).body, entity);
const expense = (amount: number, name: string) => ({ Amount: amount, DetailType: "AccountBasedExpenseLineDetail", AccountBasedExpenseLineDetail: { AccountRef: account(name) } });

describe("Purchase", () => {
  it("records a card fee: totals the lines, names the vendor, raises the card balance", async () => {
    const before = (await read("Account", accountId(t.realm, "Mastercard"))).CurrentBalance;
    const res = await t.api("POST", "/purchase", {
      PaymentType: "CreditCard",
      AccountRef: account("Mastercard"),
      EntityRef: { value: vendorId(t.realm, "Pacific Paper Supply"), type: "Vendor" },
      Line: [expense(19.99, "Office Supplies & Software"), expense(2.5, "Merchant Account Fees")],
    });
    expect(res.status).toBe(200);
    const purchase = entityOf(res.body, "Purchase");
    expect(purchase).toMatchObject({ TotalAmt: 22.49, Credit: false, EntityRef: { name: "Pacific Paper Supply", type: "Vendor" } });
    expect(purchase.Line[0]).toMatchObject({ Id: "1", LineNum: 1, AccountBasedExpenseLineDetail: { BillableStatus: "NotBillable", AccountRef: { name: "Office Supplies & Software" } } });
    expect((await read("Account", accountId(t.realm, "Mastercard"))).CurrentBalance).toBeCloseTo(before + 22.49, 2);
  });

  it("needs AccountRef, PaymentType and Line, and an account that fits the payment type", async () => {
    expect(faultOf((await t.api("POST", "/purchase", { PaymentType: "Cash", Line: [expense(1, "Travel")] })).body)).toMatchObject({ code: "2020", element: "AccountRef" });
    const wrong = await t.api("POST", "/purchase", { PaymentType: "CreditCard", AccountRef: account("Checking"), Line: [expense(1, "Travel")] });
    expect(faultOf(wrong.body).code).toBe("6000");
  });
});

describe("Bill and BillPayment", () => {
  it("a bill payment settles the bill; the vendor's balance follows", async () => {
    const vendor = vendorId(t.realm, "Brightline Utilities");
    const bill = entityOf((await t.api("POST", "/bill", { VendorRef: { value: vendor }, TxnDate: "2026-01-15", Line: [expense(300, "Utilities")] })).body, "Bill");
    expect(bill).toMatchObject({ TotalAmt: 300, Balance: 300, DueDate: "2026-01-15", APAccountRef: { name: "Accounts Payable (A/P)" } });
    expect(entityOf((await t.api("GET", `/vendor/${vendor}`)).body, "Vendor").Balance).toBe(300);

    const res = await t.api("POST", "/billpayment", {
      VendorRef: { value: vendor },
      PayType: "Check",
      CheckPayment: { BankAccountRef: account("Checking") },
      TotalAmt: 300,
      Line: [{ Amount: 300, LinkedTxn: [{ TxnId: bill.Id, TxnType: "Bill" }] }],
    });
    expect(res.status).toBe(200);
    const payment = entityOf(res.body, "BillPayment");
    const paid = await read("Bill", bill.Id);
    expect(paid.Balance).toBe(0);
    expect(paid.LinkedTxn).toEqual([{ TxnId: payment.Id, TxnType: "BillPaymentCheck" }]);
    expect(entityOf((await t.api("GET", `/vendor/${vendor}`)).body, "Vendor").Balance).toBe(0);

    const voided = await t.api("POST", "/billpayment?operation=void", { Id: payment.Id, SyncToken: payment.SyncToken });
    expect(entityOf(voided.body, "BillPayment").TotalAmt).toBe(0);
    expect((await read("Bill", bill.Id)).Balance).toBe(300);
  });

  it("a check needs a bank account; over-paying a bill is refused", async () => {
    const vendor = vendorId(t.realm, "Cascade Insurance");
    const bill = entityOf((await t.api("POST", "/bill", { VendorRef: { value: vendor }, Line: [expense(100, "Insurance")] })).body, "Bill");
    const noBank = await t.api("POST", "/billpayment", { VendorRef: { value: vendor }, PayType: "Check", TotalAmt: 10, Line: [{ Amount: 10, LinkedTxn: [{ TxnId: bill.Id, TxnType: "Bill" }] }] });
    expect(faultOf(noBank.body)).toMatchObject({ code: "2020", element: "CheckPayment.BankAccountRef" });
    const over = await t.api("POST", "/billpayment", {
      VendorRef: { value: vendor },
      PayType: "CreditCard",
      CreditCardPayment: { CCAccountRef: account("Mastercard") },
      TotalAmt: 150,
      Line: [{ Amount: 150, LinkedTxn: [{ TxnId: bill.Id, TxnType: "Bill" }] }],
    });
    expect(faultOf(over.body).code).toBe("6000");
  });
});
