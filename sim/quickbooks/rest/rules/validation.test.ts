// The validation codes clients handle by number, with fault bodies shaped like the real captures.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixture, shapeOf, startTestSim, type TestSim } from "../../test-helpers";
import { accountId, customerId, entityOf, faultOf, itemId } from "./test-kit";

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim();
});
afterAll(async () => {
  await t.sim.stop();
});

function expectShapeOf(body: unknown, capture: string) {
  expect(shapeOf(body)).toEqual(expect.arrayContaining(shapeOf(fixture(capture))));
}

const serviceLine = (amount: number) => ({ Amount: amount, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: { value: itemId(t.realm, "Services") } } });

describe("fault codes", () => {
  it("2010: an unknown top-level field is refused and named", async () => {
    const res = await t.api("POST", "/customer", { DisplayName: "Field Test", Nickname: "x" });
    expect(res.status).toBe(400);
    expect(faultOf(res.body)).toMatchObject({ code: "2010", element: "Nickname" });
  });

  it("2020: a missing required field answers like the Item capture", async () => {
    const res = await t.api("POST", "/item", { Type: "Service", IncomeAccountRef: { value: accountId(t.realm, "Services") } });
    expect(res.status).toBe(400);
    expectShapeOf(res.body, "qbo/errors/exquickbooks_item_create_required_param_2020.json");
    expect(faultOf(res.body)).toEqual({
      Message: "Required param missing, need to supply the required value for the API",
      Detail: "Required parameter Name is missing in the request",
      code: "2020",
      element: "Name",
    });
  });

  it("2020: an invoice needs CustomerRef and Line", async () => {
    const noCustomer = await t.api("POST", "/invoice", { Line: [serviceLine(10)] });
    expect(faultOf(noCustomer.body)).toMatchObject({ code: "2020", element: "CustomerRef" });
    const noLine = await t.api("POST", "/invoice", { CustomerRef: { value: customerId(t.realm, "Northwind Outfitters") } });
    expect(faultOf(noLine.body)).toMatchObject({ code: "2020", element: "Line" });
  });

  it("2500: a reference to an id that does not exist names the field", async () => {
    const res = await t.api("POST", "/invoice", { CustomerRef: { value: "9999" }, Line: [serviceLine(10)] });
    expect(res.status).toBe(400);
    expect(faultOf(res.body)).toMatchObject({ code: "2500", element: "CustomerRef", Message: "Invalid Reference Id" });
    const badItem = await t.api("POST", "/invoice", {
      CustomerRef: { value: customerId(t.realm, "Northwind Outfitters") },
      Line: [{ Amount: 5, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: { value: "777" } } }],
    });
    expect(faultOf(badItem.body)).toMatchObject({ code: "2500", element: "Line.SalesItemLineDetail.ItemRef" });
  });

  it("610: reading a missing record answers like the capture; an inactive reference is refused", async () => {
    const read = await t.api("GET", "/item/98765");
    expect(read.status).toBe(400);
    expectShapeOf(read.body, "qbo/errors/exquickbooks_item_read_object_not_found_610.json");

    const created = entityOf((await t.api("POST", "/customer", { DisplayName: "Soon Gone LLC" })).body, "Customer");
    const off = await t.api("POST", "/customer", { Id: created.Id, SyncToken: created.SyncToken, sparse: true, Active: false });
    expect(entityOf(off.body, "Customer").Active).toBe(false);
    const res = await t.api("POST", "/invoice", { CustomerRef: { value: created.Id }, Line: [serviceLine(10)] });
    expect(faultOf(res.body)).toMatchObject({
      code: "610",
      element: "CustomerRef",
      Detail: "Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.",
    });
  });

  it("5010: an update with an old SyncToken answers like the capture", async () => {
    const item = entityOf((await t.api("GET", `/item/${itemId(t.realm, "Hours")}`)).body, "Item");
    const first = await t.api("POST", "/item", { Id: item.Id, SyncToken: item.SyncToken, sparse: true, Description: "Hourly work" });
    expect(first.status).toBe(200);
    const stale = await t.api("POST", "/item", { Id: item.Id, SyncToken: item.SyncToken, sparse: true, Description: "Again" });
    expect(stale.status).toBe(400);
    expectShapeOf(stale.body, "qbo/errors/exquickbooks_item_update_stale_object_5010.json");
    expect(faultOf(stale.body).code).toBe("5010");
  });

  it("6140: a sales form number can't be used twice", async () => {
    const customer = { value: customerId(t.realm, "Northwind Outfitters") };
    const first = await t.api("POST", "/invoice", { CustomerRef: customer, DocNumber: "INV-77", Line: [serviceLine(10)] });
    expect(first.status).toBe(200);
    const again = await t.api("POST", "/invoice", { CustomerRef: customer, DocNumber: "INV-77", Line: [serviceLine(12)] });
    expect(faultOf(again.body)).toMatchObject({ code: "6140", element: "DocNumber" });
  });

  it("6210: writes dated in a closed period are refused, later dates pass", async () => {
    const realm = t.sim.state.realms[t.realm.realmId]!;
    realm.closedThrough = "2025-12-31";
    try {
      const customer = { value: customerId(t.realm, "Northwind Outfitters") };
      const closed = await t.api("POST", "/invoice", { CustomerRef: customer, TxnDate: "2025-06-30", Line: [serviceLine(10)] });
      expect(faultOf(closed.body).code).toBe("6210");
      const open = await t.api("POST", "/invoice", { CustomerRef: customer, TxnDate: "2026-01-02", Line: [serviceLine(10)] });
      expect(open.status).toBe(200);
    } finally {
      realm.closedThrough = null;
    }
  });

  it("6240: customers, vendors and employees share one name space", async () => {
    expect((await t.api("POST", "/vendor", { DisplayName: "Shared Name Co" })).status).toBe(200);
    const customer = await t.api("POST", "/customer", { DisplayName: "shared name co" });
    expect(faultOf(customer.body)).toMatchObject({ code: "6240", element: "DisplayName" });
    // Derived names count too: an employee "Priya Raman" collides with the seeded customer.
    const employee = await t.api("POST", "/employee", { GivenName: "Priya", FamilyName: "Raman" });
    expect(faultOf(employee.body).code).toBe("6240");
  });

  it("unbalanced journal entries are refused", async () => {
    const line = (type: string, amount: number, account: string) => ({
      Amount: amount,
      DetailType: "JournalEntryLineDetail",
      JournalEntryLineDetail: { PostingType: type, AccountRef: { value: accountId(t.realm, account) } },
    });
    const res = await t.api("POST", "/journalentry", { Line: [line("Debit", 100, "Checking"), line("Credit", 99.99, "Other Income")] });
    expect(faultOf(res.body)).toMatchObject({ code: "6000", Detail: "Business Validation Error: Transaction is not balanced. Debits must equal credits." });
  });
});
