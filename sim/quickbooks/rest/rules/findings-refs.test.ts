// Findings reproduced against the simulator over HTTP: a deposit's Entity.type in QuickBooks' own casing,
// 6240 worded per list, and accounts refused where QuickBooks refuses them (DepositToAccountRef, item accounts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSim, type TestSim } from "../../test-helpers";
import { accountId, customerId, entityOf, faultOf, itemId, vendorId, type Doc } from "./test-kit";

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim();
});
afterAll(async () => {
  await t.sim.stop();
});

const account = (name: string) => ({ value: accountId(t.realm, name) });
const saleLine = { Amount: 10, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: { value: "" } } };
const line = () => ({ ...saleLine, SalesItemLineDetail: { ItemRef: { value: itemId(t.realm, "Services") } } });

describe("Deposit line Entity", () => {
  it("accepts type CUSTOMER (as QuickBooks answers it) and a read-modify-write round-trips", async () => {
    const customer = customerId(t.realm, "Northwind Outfitters");
    const res = await t.api("POST", "/deposit", {
      DepositToAccountRef: account("Checking"),
      Line: [{ Amount: 40, DetailType: "DepositLineDetail", DepositLineDetail: { AccountRef: account("Other Income"), Entity: { value: customer, type: "CUSTOMER" } } }],
    });
    expect(res.status).toBe(200);
    const deposit: Doc = entityOf(res.body, "Deposit");
    expect(deposit.Line[0].DepositLineDetail.Entity).toEqual({ value: customer, name: "Northwind Outfitters", type: "CUSTOMER" });
    const again = await t.api("POST", "/deposit", { ...deposit, PrivateNote: "edited" });
    expect(again.status).toBe(200);
    expect(entityOf(again.body, "Deposit").Line[0].DepositLineDetail.Entity.type).toBe("CUSTOMER");
  });

  it("accepts Vendor in title case too, and answers VENDOR", async () => {
    const vendor = vendorId(t.realm, "Pacific Paper Supply");
    const res = await t.api("POST", "/deposit", {
      DepositToAccountRef: account("Checking"),
      Line: [{ Amount: 5, DetailType: "DepositLineDetail", DepositLineDetail: { AccountRef: account("Other Income"), Entity: { value: vendor, type: "Vendor" } } }],
    });
    expect(entityOf(res.body, "Deposit").Line[0].DepositLineDetail.Entity).toMatchObject({ value: vendor, type: "VENDOR" });
  });
});

describe("6240 per name list", () => {
  it("a duplicate Account name answers account wording on element Name", async () => {
    const res = await t.api("POST", "/account", { Name: "Checking", AccountType: "Bank" });
    expect(faultOf(res.body)).toEqual({
      code: "6240",
      Message: "Duplicate Name Exists Error",
      Detail: "The name supplied already exists. : Another account is already using this name. Please use a different name.",
      element: "Name",
    });
  });

  it("Item, Class and Department name their own list, on element Name", async () => {
    const item = await t.api("POST", "/item", { Name: "Services", Type: "Service", IncomeAccountRef: account("Services") });
    expect(faultOf(item.body)).toMatchObject({ code: "6240", element: "Name" });
    expect(faultOf(item.body).Detail).toContain("Another product or service is already using this name");
    await t.api("POST", "/class", { Name: "Retail" });
    const cls = await t.api("POST", "/class", { Name: "Retail" });
    expect(faultOf(cls.body)).toMatchObject({ code: "6240", element: "Name" });
    expect(faultOf(cls.body).Detail).toContain("Another class is already using this name");
    await t.api("POST", "/department", { Name: "East" });
    const dept = await t.api("POST", "/department", { Name: "East" });
    expect(faultOf(dept.body)).toMatchObject({ code: "6240", element: "Name" });
    expect(faultOf(dept.body).Detail).toContain("Another location is already using this name");
  });

  it("people keep the customer, vendor or employee wording on DisplayName", async () => {
    const res = await t.api("POST", "/vendor", { DisplayName: "Northwind Outfitters" });
    expect(faultOf(res.body)).toMatchObject({ code: "6240", element: "DisplayName" });
    expect(faultOf(res.body).Detail).toContain("Another customer, vendor or employee is already using this name");
  });
});

describe("account types QuickBooks refuses", () => {
  it("SalesReceipt, Payment and RefundReceipt DepositToAccountRef must be a bank or other current asset", async () => {
    const receipt = await t.api("POST", "/salesreceipt", { DepositToAccountRef: account("Advertising"), Line: [line()] });
    expect(receipt.status).toBe(400);
    expect(faultOf(receipt.body)).toMatchObject({ code: "6000", element: "DepositToAccountRef" });
    const payment = await t.api("POST", "/payment", { CustomerRef: { value: customerId(t.realm, "Northwind Outfitters") }, TotalAmt: 5, DepositToAccountRef: account("Services") });
    expect(faultOf(payment.body)).toMatchObject({ code: "6000", element: "DepositToAccountRef" });
    const refund = await t.api("POST", "/refundreceipt", { DepositToAccountRef: account("Accounts Payable (A/P)"), Line: [line()] });
    expect(faultOf(refund.body)).toMatchObject({ code: "6000", element: "DepositToAccountRef" });
    // Still fine: a bank, Undeposited Funds, another current asset.
    for (const name of ["Checking", "Undeposited Funds", "Prepaid Expenses"]) {
      expect((await t.api("POST", "/salesreceipt", { DepositToAccountRef: account(name), Line: [line()] })).status).toBe(200);
    }
    const byCard = await t.api("POST", "/refundreceipt", { DepositToAccountRef: account("Mastercard"), Line: [line()] });
    expect(byCard.status).toBe(200);
  });

  it("an Item's IncomeAccountRef must be income, ExpenseAccountRef an expense or COGS, AssetAccountRef inventory-like", async () => {
    const bankIncome = await t.api("POST", "/item", { Name: "Bad income", Type: "Service", IncomeAccountRef: account("Checking") });
    expect(faultOf(bankIncome.body)).toMatchObject({ code: "6000", element: "IncomeAccountRef" });
    const bankExpense = await t.api("POST", "/item", { Name: "Bad expense", Type: "NonInventory", ExpenseAccountRef: account("Savings") });
    expect(faultOf(bankExpense.body)).toMatchObject({ code: "6000", element: "ExpenseAccountRef" });
    const inventory = {
      Name: "Bad asset",
      Type: "Inventory",
      IncomeAccountRef: account("Sales of Product Income"),
      ExpenseAccountRef: account("Cost of Goods Sold"),
      AssetAccountRef: account("Checking"),
      QtyOnHand: 1,
      InvStartDate: "2025-01-01",
    };
    expect(faultOf((await t.api("POST", "/item", inventory)).body)).toMatchObject({ code: "6000", element: "AssetAccountRef" });
    const other = await t.api("POST", "/item", { Name: "Interest item", Type: "Service", IncomeAccountRef: account("Interest Earned") });
    expect(other.status).toBe(200);
  });
});
