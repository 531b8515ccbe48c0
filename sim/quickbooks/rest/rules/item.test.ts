// Items against the real Item create/read/update captures, and full vs sparse updates.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixture, shapeOf, startTestSim, type TestSim } from "../../test-helpers";
import { accountId, entityOf, faultOf } from "./test-kit";

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim();
});
afterAll(async () => {
  await t.sim.stop();
});

const accounts = () => ({
  IncomeAccountRef: { value: accountId(t.realm, "Sales of Product Income") },
  ExpenseAccountRef: { value: accountId(t.realm, "Cost of Goods Sold") },
  AssetAccountRef: { value: accountId(t.realm, "Inventory Asset") },
});

function expectCaptureShape(body: unknown, capture: string) {
  expect(shapeOf(body)).toEqual(expect.arrayContaining(shapeOf(fixture(capture))));
}

describe("Item", () => {
  it("creates an inventory item shaped like the capture, with account names filled in", async () => {
    const res = await t.api("POST", "/item", { Name: "Garden Supplies", Type: "Inventory", TrackQtyOnHand: true, QtyOnHand: 10, InvStartDate: "2015-01-01", ...accounts() });
    expect(res.status).toBe(200);
    expectCaptureShape(res.body, "qbo/api/exquickbooks/item_create_response.json");
    const item = entityOf(res.body, "Item");
    expect(item).toMatchObject({
      Name: "Garden Supplies",
      FullyQualifiedName: "Garden Supplies",
      Active: true,
      Taxable: false,
      UnitPrice: 0,
      PurchaseCost: 0,
      TrackQtyOnHand: true,
      SyncToken: "0",
      IncomeAccountRef: { value: accountId(t.realm, "Sales of Product Income"), name: "Sales of Product Income" },
      AssetAccountRef: { name: "Inventory Asset" },
    });
  });

  it("reads an item shaped like the capture", async () => {
    const created = entityOf(
      (await t.api("POST", "/item", { Name: "Pump", Description: "Fountain Pump", Type: "Inventory", Taxable: true, UnitPrice: 15, PurchaseDesc: "Fountain Pump", PurchaseCost: 10, QtyOnHand: 25, InvStartDate: "2017-01-31", ...accounts() })).body,
      "Item",
    );
    const res = await t.api("GET", `/item/${created.Id}`);
    expectCaptureShape(res.body, "qbo/api/exquickbooks/item_read_response.json");
  });

  it("an inventory item needs its asset account and starting quantity", async () => {
    const { AssetAccountRef: _asset, ...withoutAsset } = accounts();
    const noAsset = await t.api("POST", "/item", { Name: "No Asset", Type: "Inventory", QtyOnHand: 1, InvStartDate: "2025-01-01", ...withoutAsset });
    expect(faultOf(noAsset.body)).toMatchObject({ code: "2020", element: "AssetAccountRef" });
    const noQty = await t.api("POST", "/item", { Name: "No Qty", Type: "Inventory", InvStartDate: "2025-01-01", ...accounts() });
    expect(faultOf(noQty.body)).toMatchObject({ code: "2020", element: "QtyOnHand" });
    const noType = await t.api("POST", "/item", { Name: "No Type" });
    expect(faultOf(noType.body)).toMatchObject({ code: "2020", element: "Type" });
  });

  it("sparse update keeps omitted fields; full update clears them", async () => {
    const created = entityOf(
      (await t.api("POST", "/item", { Name: "Rock Fountain", Description: "Rock Fountain", Type: "Inventory", Taxable: true, UnitPrice: 275, PurchaseDesc: "Rock Fountain", PurchaseCost: 125, QtyOnHand: 2, InvStartDate: "2017-01-31", ...accounts() })).body,
      "Item",
    );
    const sparse = await t.api("POST", "/item", { Id: created.Id, SyncToken: created.SyncToken, sparse: true, Description: "New, updated description for Rock Fountain" });
    expect(sparse.status).toBe(200);
    expectCaptureShape(sparse.body, "qbo/api/exquickbooks/item_update_response.json");
    const afterSparse = entityOf(sparse.body, "Item");
    expect(afterSparse).toMatchObject({ SyncToken: "1", Description: "New, updated description for Rock Fountain", PurchaseDesc: "Rock Fountain", UnitPrice: 275 });

    // A full update sends the whole object; what it leaves out (PurchaseDesc, Description) is gone.
    const { PurchaseDesc: _p, Description: _d, ...rest } = afterSparse;
    const full = await t.api("POST", "/item", { ...rest, UnitPrice: 300 });
    const afterFull = entityOf(full.body, "Item");
    expect(afterFull.SyncToken).toBe("2");
    expect(afterFull.UnitPrice).toBe(300);
    expect(afterFull).not.toHaveProperty("PurchaseDesc");
    expect(afterFull).not.toHaveProperty("Description");
    expect(afterFull.MetaData.CreateTime).toBe(created.MetaData.CreateTime);
  });

  it("a sub-item's FullyQualifiedName follows its parent, including a rename", async () => {
    const parent = entityOf((await t.api("POST", "/item", { Name: "Garden", Type: "Category" })).body, "Item");
    const child = entityOf(
      (await t.api("POST", "/item", { Name: "Hose", Type: "NonInventory", ParentRef: { value: parent.Id }, IncomeAccountRef: accounts().IncomeAccountRef })).body,
      "Item",
    );
    expect(child).toMatchObject({ FullyQualifiedName: "Garden:Hose", SubItem: true, Level: 1, ParentRef: { value: parent.Id, name: "Garden" } });
    await t.api("POST", "/item", { Id: parent.Id, SyncToken: parent.SyncToken, sparse: true, Name: "Outdoor" });
    const reread = entityOf((await t.api("GET", `/item/${child.Id}`)).body, "Item");
    expect(reread.FullyQualifiedName).toBe("Outdoor:Hose");
  });
});
