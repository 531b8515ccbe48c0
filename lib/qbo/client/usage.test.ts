import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startClientSim, uniqueName, type ClientSim } from "./test-kit";

let t: ClientSim;

beforeAll(async () => {
  t = await startClientSim();
});

afterAll(async () => {
  await t.stop();
});

describe("metered usage", () => {
  it("counts every read and write the way QuickBooks counts them", async () => {
    const since = new Date(Date.now() - 60_000);
    const customer = await t.client.create("Customer", { DisplayName: uniqueName("Usage") }, { requestId: "usage-create" });
    await t.client.update("Customer", { Id: customer.Id, SyncToken: customer.SyncToken, Notes: "vip" }, { requestId: "usage-update" });
    await t.client.read("Customer", customer.Id);
    await t.client.query("select * from Item");
    await t.client.count("Customer");
    await t.client.cdc(["Customer"], since);
    await t.client.companyInfo();
    await t.client.preferences();
    await t.client.exchangeRate("EUR", "2025-01-31");
    // A batch is one write, however many items it carries.
    await t.client.batch([
      { bId: "a", operation: "create", entity: "Customer", body: { DisplayName: uniqueName("Usage batch") }, requestId: "usage-batch-a" },
      { bId: "b", query: "select * from Account maxresults 1" },
    ]);

    expect(t.usage).toMatchObject({ reads: 7, writes: 3 });
    // The simulator counted the same requests on its side.
    expect(await t.simCounters()).toEqual({ reads: 7, writes: 3 });
  });

  it("counts a paged read as one read per page", async () => {
    const before = t.usage.reads;
    const accounts = await t.client.queryAll("Account", { pageSize: 5 });
    expect(t.usage.reads - before).toBe(Math.floor(accounts.length / 5) + 1);
  });

  it("counts a retry after a server error as a second call", async () => {
    await t.control("/faults", { kind: "503", count: 1 });
    const before = t.usage.reads;
    await t.client.read("Customer", "1").catch(() => undefined);
    await t.client.read("Customer", "1");
    expect(t.usage.reads - before).toBe(2);
  });
});
