// Payments applied to invoices and credit memos: balances, LinkedTxn on both sides, and what undoes them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSim, type TestSim } from "../../test-helpers";
import { accountId, customerId, entityOf, faultOf, itemId, type Doc } from "./test-kit";

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim();
});
afterAll(async () => {
  await t.sim.stop();
});

const customer = (name = "Northwind Outfitters") => ({ value: customerId(t.realm, name) });

async function invoice(amount: number, name?: string): Promise<Doc> {
  const res = await t.api("POST", "/invoice", {
    CustomerRef: customer(name),
    Line: [{ Amount: amount, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: { value: itemId(t.realm, "Consulting") } } }],
  });
  return entityOf(res.body, "Invoice");
}

async function pay(total: number, lines: { id: string; type?: string; amount: number }[], name?: string) {
  return t.api("POST", "/payment", {
    CustomerRef: customer(name),
    TotalAmt: total,
    Line: lines.map((l) => ({ Amount: l.amount, LinkedTxn: [{ TxnId: l.id, TxnType: l.type ?? "Invoice" }] })),
  });
}

const read = async (entity: string, id: string): Promise<Doc> => entityOf((await t.api("GET", `/${entity.toLowerCase()}/${id}`)).body, entity);

describe("Payment applied to invoices", () => {
  it("a partial then a full payment bring the balance to 0; deleting the payment restores it", async () => {
    const inv = await invoice(100);
    const first = await pay(40, [{ id: inv.Id, amount: 40 }]);
    expect(first.status).toBe(200);
    const payment1 = entityOf(first.body, "Payment");
    expect(payment1).toMatchObject({
      TotalAmt: 40,
      UnappliedAmt: 0,
      DepositToAccountRef: { value: accountId(t.realm, "Undeposited Funds"), name: "Undeposited Funds" },
      Line: [{ Amount: 40, LinkedTxn: [{ TxnId: inv.Id, TxnType: "Invoice" }] }],
    });
    let current = await read("Invoice", inv.Id);
    expect(current.Balance).toBe(60);
    expect(current.LinkedTxn).toEqual([{ TxnId: payment1.Id, TxnType: "Payment" }]);
    // Applying a payment is a change to the invoice: a client holding SyncToken 0 is now stale.
    expect(current.SyncToken).toBe("1");

    const second = entityOf((await pay(60, [{ id: inv.Id, amount: 60 }])).body, "Payment");
    current = await read("Invoice", inv.Id);
    expect(current.Balance).toBe(0);
    expect(current.LinkedTxn).toEqual([
      { TxnId: payment1.Id, TxnType: "Payment" },
      { TxnId: second.Id, TxnType: "Payment" },
    ]);

    const deleted = await t.api("POST", "/payment?operation=delete", { Id: second.Id, SyncToken: second.SyncToken });
    expect(deleted.body).toMatchObject({ Payment: { status: "Deleted", Id: second.Id } });
    current = await read("Invoice", inv.Id);
    expect(current.Balance).toBe(60);
    expect(current.LinkedTxn).toEqual([{ TxnId: payment1.Id, TxnType: "Payment" }]);
  });

  it("over-applying a payment to an invoice is refused (6000)", async () => {
    const inv = await invoice(50);
    await pay(30, [{ id: inv.Id, amount: 30 }]);
    const res = await pay(25, [{ id: inv.Id, amount: 25 }]);
    expect(faultOf(res.body)).toMatchObject({ code: "6000", element: "Line.Amount" });
    expect((await read("Invoice", inv.Id)).Balance).toBe(20);
  });

  it("what a payment doesn't apply stays unapplied and lowers the customer's balance", async () => {
    const before = (await read("Customer", customerId(t.realm, "Priya Raman"))).Balance;
    const inv = await invoice(80, "Priya Raman");
    const payment = entityOf((await pay(100, [{ id: inv.Id, amount: 80 }], "Priya Raman")).body, "Payment");
    expect(payment.UnappliedAmt).toBe(20);
    expect((await read("Customer", customerId(t.realm, "Priya Raman"))).Balance).toBe(before - 20);
  });

  it("updating a payment moves it between invoices; voiding it releases both", async () => {
    const a = await invoice(70);
    const b = await invoice(30);
    const created = entityOf((await pay(30, [{ id: a.Id, amount: 30 }])).body, "Payment");
    const moved = await t.api("POST", "/payment", { Id: created.Id, SyncToken: created.SyncToken, sparse: true, Line: [{ Amount: 30, LinkedTxn: [{ TxnId: b.Id, TxnType: "Invoice" }] }] });
    const payment = entityOf(moved.body, "Payment");
    expect((await read("Invoice", a.Id)).Balance).toBe(70);
    expect((await read("Invoice", a.Id)).LinkedTxn).toEqual([]);
    expect((await read("Invoice", b.Id)).Balance).toBe(0);

    const voided = entityOf((await t.api("POST", "/payment?operation=void", { Id: payment.Id, SyncToken: payment.SyncToken })).body, "Payment");
    expect(voided).toMatchObject({ TotalAmt: 0, UnappliedAmt: 0, PrivateNote: "Voided" });
    expect(voided.Line[0].Amount).toBe(0);
    const b2 = await read("Invoice", b.Id);
    expect(b2.Balance).toBe(30);
    expect(b2.LinkedTxn).toEqual([]);
  });

  it("a credit memo used on a payment pays the invoice and uses up the credit", async () => {
    const inv = await invoice(100);
    const memo = entityOf(
      (await t.api("POST", "/creditmemo", { CustomerRef: customer(), Line: [{ Amount: 30, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: { value: itemId(t.realm, "Consulting") } } }] })).body,
      "CreditMemo",
    );
    expect(memo).toMatchObject({ TotalAmt: 30, Balance: 30, RemainingCredit: 30 });
    const res = await pay(70, [
      { id: inv.Id, amount: 100 },
      { id: memo.Id, type: "CreditMemo", amount: 30 },
    ]);
    expect(res.status).toBe(200);
    expect(entityOf(res.body, "Payment").UnappliedAmt).toBe(0);
    expect((await read("Invoice", inv.Id)).Balance).toBe(0);
    const used = await read("CreditMemo", memo.Id);
    expect(used).toMatchObject({ Balance: 0, RemainingCredit: 0 });
    expect(used.LinkedTxn).toEqual([{ TxnId: entityOf(res.body, "Payment").Id, TxnType: "Payment" }]);
  });

  it("an invoice with payments applied can't be voided or deleted (6000)", async () => {
    const inv = await invoice(40);
    await pay(10, [{ id: inv.Id, amount: 10 }]);
    const current = await read("Invoice", inv.Id);
    const voided = await t.api("POST", "/invoice?operation=void", { Id: current.Id, SyncToken: current.SyncToken });
    expect(faultOf(voided.body).code).toBe("6000");
    const deleted = await t.api("POST", "/invoice?operation=delete", { Id: current.Id, SyncToken: current.SyncToken });
    expect(faultOf(deleted.body).code).toBe("6000");
  });

  it("an invoice's total can't drop below what is already paid on it", async () => {
    const inv = await invoice(90);
    await pay(60, [{ id: inv.Id, amount: 60 }]);
    const current = await read("Invoice", inv.Id);
    const res = await t.api("POST", "/invoice", { Id: current.Id, SyncToken: current.SyncToken, sparse: true, Line: [{ Amount: 50, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: { value: itemId(t.realm, "Consulting") } } }] });
    expect(faultOf(res.body).code).toBe("6000");
    const raised = await t.api("POST", "/invoice", { Id: current.Id, SyncToken: current.SyncToken, sparse: true, Line: [{ Amount: 120, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: { value: itemId(t.realm, "Consulting") } } }] });
    expect(entityOf(raised.body, "Invoice")).toMatchObject({ TotalAmt: 120, Balance: 60 });
  });

  it("the customer's balance follows invoices and payments", async () => {
    const t2 = await startTestSim();
    try {
      const id = customerId(t2.realm, "Harbor View Bakery");
      const line = [{ Amount: 250, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: { value: itemId(t2.realm, "Consulting") } } }];
      const inv = entityOf((await t2.api("POST", "/invoice", { CustomerRef: { value: id }, Line: line })).body, "Invoice");
      expect(entityOf((await t2.api("GET", `/customer/${id}`)).body, "Customer")).toMatchObject({ Balance: 250, BalanceWithJobs: 250 });
      await t2.api("POST", "/payment", { CustomerRef: { value: id }, TotalAmt: 100, Line: [{ Amount: 100, LinkedTxn: [{ TxnId: inv.Id, TxnType: "Invoice" }] }] });
      expect(entityOf((await t2.api("GET", `/customer/${id}`)).body, "Customer").Balance).toBe(150);
      // The A/R account tracks the same open amount.
      const ar = entityOf((await t2.api("GET", `/account/${accountId(t2.realm, "Accounts Receivable (A/R)")}`)).body, "Account");
      expect(ar.CurrentBalance).toBe(150);
    } finally {
      await t2.sim.stop();
    }
  });
});
