// Deposits of payments waiting in Undeposited Funds, with a fee netted out, and the 6540 lock they put on
// what they deposit.
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

const read = async (entity: string, id: string): Promise<Doc> => entityOf((await t.api("GET", `/${entity.toLowerCase()}/${id}`)).body, entity);
const account = (name: string) => ({ value: accountId(t.realm, name) });

async function payment(amount: number): Promise<Doc> {
  const res = await t.api("POST", "/payment", { CustomerRef: { value: customerId(t.realm, "Northwind Outfitters") }, TotalAmt: amount });
  return entityOf(res.body, "Payment");
}

describe("Deposit", () => {
  it("deposits two payments with a negative fee line; both sides are linked", async () => {
    const p1 = await payment(120.5);
    const p2 = await payment(79.5);
    const undepositedBefore = (await read("Account", accountId(t.realm, "Undeposited Funds"))).CurrentBalance;
    const checkingBefore = (await read("Account", accountId(t.realm, "Checking"))).CurrentBalance;
    const res = await t.api("POST", "/deposit", {
      DepositToAccountRef: account("Checking"),
      Line: [
        { Amount: 120.5, LinkedTxn: [{ TxnId: p1.Id, TxnType: "Payment", TxnLineId: "0" }] },
        { LinkedTxn: [{ TxnId: p2.Id, TxnType: "Payment" }] },
        { Amount: -5.83, DetailType: "DepositLineDetail", DepositLineDetail: { AccountRef: account("Merchant Account Fees") } },
      ],
    });
    expect(res.status).toBe(200);
    const deposit = entityOf(res.body, "Deposit");
    expect(deposit.TotalAmt).toBe(194.17);
    expect(deposit.DepositToAccountRef).toEqual({ value: accountId(t.realm, "Checking"), name: "Checking" });
    expect(deposit.Line.map((l: Doc) => [l.Id, l.LineNum, l.Amount])).toEqual([
      ["1", 1, 120.5],
      ["2", 2, 79.5],
      ["3", 3, -5.83],
    ]);
    expect(deposit.Line[1].LinkedTxn).toEqual([{ TxnId: p2.Id, TxnType: "Payment", TxnLineId: "0" }]);
    expect(deposit.Line[2].DepositLineDetail.AccountRef.name).toBe("Merchant Account Fees");

    const linked = await read("Payment", p1.Id);
    expect(linked.LinkedTxn).toEqual([{ TxnId: deposit.Id, TxnType: "Deposit" }]);
    // Money moved out of Undeposited Funds into Checking, less the fee.
    expect((await read("Account", accountId(t.realm, "Undeposited Funds"))).CurrentBalance).toBeCloseTo(undepositedBefore - 200, 2);
    expect((await read("Account", accountId(t.realm, "Checking"))).CurrentBalance).toBeCloseTo(checkingBefore + 194.17, 2);
  });

  it("a deposited payment can't change its amount, be deleted or voided (6540); its memo can change", async () => {
    const p = await payment(50);
    const deposit = entityOf((await t.api("POST", "/deposit", { DepositToAccountRef: account("Checking"), Line: [{ Amount: 50, LinkedTxn: [{ TxnId: p.Id, TxnType: "Payment" }] }] })).body, "Deposit");
    const current = await read("Payment", p.Id);

    const changed = await t.api("POST", "/payment", { Id: current.Id, SyncToken: current.SyncToken, sparse: true, TotalAmt: 55 });
    expect(faultOf(changed.body)).toMatchObject({ code: "6540", Message: "Deposited Transaction cannot be changed" });
    const deleted = await t.api("POST", "/payment?operation=delete", { Id: current.Id, SyncToken: current.SyncToken });
    expect(faultOf(deleted.body).code).toBe("6540");
    const voided = await t.api("POST", "/payment?operation=void", { Id: current.Id, SyncToken: current.SyncToken });
    expect(faultOf(voided.body).code).toBe("6540");
    const memo = await t.api("POST", "/payment", { Id: current.Id, SyncToken: current.SyncToken, sparse: true, PrivateNote: "Lockbox batch 7" });
    expect(memo.status).toBe(200);
    expect(entityOf(memo.body, "Payment").LinkedTxn).toEqual([{ TxnId: deposit.Id, TxnType: "Deposit" }]);

    // Deleting the deposit releases the payment.
    await t.api("POST", "/deposit?operation=delete", { Id: deposit.Id, SyncToken: deposit.SyncToken });
    const released = await read("Payment", p.Id);
    expect(released.LinkedTxn).toEqual([]);
    const del = await t.api("POST", "/payment?operation=delete", { Id: released.Id, SyncToken: released.SyncToken });
    expect(del.status).toBe(200);
  });

  it("a deposited sales receipt is locked the same way", async () => {
    const receipt = entityOf(
      (await t.api("POST", "/salesreceipt", { Line: [{ Amount: 12, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: { value: itemId(t.realm, "Services") } } }] })).body,
      "SalesReceipt",
    );
    await t.api("POST", "/deposit", { DepositToAccountRef: account("Savings"), Line: [{ LinkedTxn: [{ TxnId: receipt.Id, TxnType: "SalesReceipt" }] }] });
    const current = await read("SalesReceipt", receipt.Id);
    const voided = await t.api("POST", "/salesreceipt?operation=void", { Id: current.Id, SyncToken: current.SyncToken });
    expect(faultOf(voided.body).code).toBe("6540");
  });

  it("refuses a payment deposited twice, or one not in Undeposited Funds", async () => {
    const p = await payment(10);
    await t.api("POST", "/deposit", { DepositToAccountRef: account("Checking"), Line: [{ LinkedTxn: [{ TxnId: p.Id, TxnType: "Payment" }] }] });
    const twice = await t.api("POST", "/deposit", { DepositToAccountRef: account("Checking"), Line: [{ LinkedTxn: [{ TxnId: p.Id, TxnType: "Payment" }] }] });
    expect(faultOf(twice.body).code).toBe("6000");

    const direct = entityOf(
      (await t.api("POST", "/payment", { CustomerRef: { value: customerId(t.realm, "Northwind Outfitters") }, TotalAmt: 10, DepositToAccountRef: account("Checking") })).body,
      "Payment",
    );
    const res = await t.api("POST", "/deposit", { DepositToAccountRef: account("Checking"), Line: [{ LinkedTxn: [{ TxnId: direct.Id, TxnType: "Payment" }] }] });
    expect(faultOf(res.body).code).toBe("6000");
  });

  it("needs a deposit account and an account on lines that link nothing", async () => {
    const noAccount = await t.api("POST", "/deposit", { Line: [{ Amount: 5, DetailType: "DepositLineDetail", DepositLineDetail: { AccountRef: account("Other Income") } }] });
    expect(faultOf(noAccount.body)).toMatchObject({ code: "2020", element: "DepositToAccountRef" });
    const noLineAccount = await t.api("POST", "/deposit", { DepositToAccountRef: account("Checking"), Line: [{ Amount: 5, DetailType: "DepositLineDetail", DepositLineDetail: {} }] });
    expect(faultOf(noLineAccount.body)).toMatchObject({ code: "2020", element: "Line.DepositLineDetail.AccountRef" });
  });
});
