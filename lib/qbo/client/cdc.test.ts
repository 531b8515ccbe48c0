import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startClientSim, uniqueName, type ClientSim } from "./test-kit";

let t: ClientSim;

beforeAll(async () => {
  t = await startClientSim();
});

afterAll(async () => {
  await t.stop();
});

describe("change data capture", () => {
  it("reports a deleted invoice as status Deleted beside the records that still exist", async () => {
    const since = new Date(t.sim.clock.now() - 1_000);
    const customer = await t.client.create("Customer", { DisplayName: uniqueName("CDC") }, { requestId: "cdc-customer" });
    const service = await t.client.query("select * from Item where Type = 'Service'");
    const itemId = service.rows[0]?.Id;
    if (!itemId) throw new Error("The simulator's company has no service item");
    const invoice = await t.client.create(
      "Invoice",
      { CustomerRef: { value: customer.Id }, Line: [{ Amount: 75, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: { value: itemId } } }] },
      { requestId: "cdc-invoice" },
    );
    const kept = await t.client.create(
      "Invoice",
      { CustomerRef: { value: customer.Id }, Line: [{ Amount: 20, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: { value: itemId } } }] },
      { requestId: "cdc-invoice-kept" },
    );
    await t.client.delete("Invoice", { Id: invoice.Id, SyncToken: invoice.SyncToken }, { requestId: "cdc-invoice-delete" });

    const changes = await t.client.cdc(["Invoice", "Customer", "Payment"], since);

    expect(changes.Invoice).toContainEqual(expect.objectContaining({ status: "Deleted", Id: invoice.Id }));
    expect(changes.Invoice).toContainEqual(expect.objectContaining({ Id: kept.Id, TotalAmt: 20 }));
    expect(changes.Customer.map((c) => c.Id)).toContain(customer.Id);
    // An entity with no changes is an empty list, not a missing key.
    expect(changes.Payment).toEqual([]);
  });
});
