import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QboError } from "./qbo-error";
import { qboString } from "./query";
import { startClientSim, uniqueName, type ClientSim } from "./test-kit";
import type { BatchItem, QboClient } from "./types";

let t: ClientSim;

beforeAll(async () => {
  t = await startClientSim();
});

afterAll(async () => {
  await t.stop();
});

/** A client whose fetch notes how many items each batch request carried, and can act before the Nth one. */
function watchedClient(beforeBatch?: (index: number) => Promise<void>): { client: QboClient; sizes: number[] } {
  const sizes: number[] = [];
  const client = t.clientWith({
    fetch: async (input, init) => {
      if (String(input).includes("/batch?")) {
        const body = JSON.parse(String(init?.body)) as { BatchItemRequest: unknown[] };
        sizes.push(body.BatchItemRequest.length);
        await beforeBatch?.(sizes.length);
      }
      return fetch(input, init);
    },
  });
  return { client, sizes };
}

function customers(prefix: string, count: number): BatchItem[] {
  return Array.from({ length: count }, (_, i) => ({
    bId: `c${i}`,
    operation: "create" as const,
    entity: "Customer" as const,
    body: { DisplayName: `${prefix} ${i}` },
    requestId: `${prefix.replace(/\s+/g, "-")}-${i}`,
  }));
}

describe("batch", () => {
  it("sends 37 items as 30 + 7 and matches each item's fault to its own bId", async () => {
    const prefix = uniqueName("Batch");
    const existing = await t.client.create("Customer", { DisplayName: uniqueName("Taken") }, { requestId: "batch-taken" });
    const items = customers(prefix, 35);
    // Item 5 reuses a name already in QuickBooks; item 33 (second chunk) repeats item 2's name from the first.
    (items[5] as { body: Record<string, unknown> }).body = { DisplayName: existing.DisplayName };
    (items[33] as { body: Record<string, unknown> }).body = { DisplayName: `${prefix} 2` };
    items.push({ bId: "q1", query: `select * from Customer where DisplayName = ${qboString(existing.DisplayName)}` });
    items.push({ bId: "u1", operation: "update", entity: "Customer", body: { Id: existing.Id, SyncToken: existing.SyncToken, Notes: "from batch" }, requestId: "batch-update-1" });

    const { client, sizes } = watchedClient();
    const results = await client.batch(items);

    expect(sizes).toEqual([30, 7]);
    expect([...results.keys()]).toEqual(items.map((item) => item.bId));
    const failedIds = [...results.values()].filter((r) => !r.ok).map((r) => r.bId);
    expect(failedIds).toEqual(["c5", "c33"]);
    for (const bId of failedIds) {
      const result = results.get(bId);
      if (result?.ok !== false) throw new Error("expected a failure");
      expect(result.error).toBeInstanceOf(QboError);
      expect(result.error).toMatchObject({ code: "6240", type: "ValidationFault", element: "DisplayName", retryable: false });
      expect(result.error.intuitTid).toBeTruthy();
    }
    const created = results.get("c7");
    expect(created).toMatchObject({ ok: true, entity: "Customer", record: { DisplayName: `${prefix} 7` } });
    expect(results.get("q1")).toMatchObject({ ok: true, queryResponse: { entity: "Customer", rows: [{ Id: existing.Id }] } });
    // Updates in a batch are sparse too: the name survives the note.
    expect(results.get("u1")).toMatchObject({ ok: true, record: { Id: existing.Id, DisplayName: existing.DisplayName, Notes: "from batch" } });
    expect(await t.client.count("Customer", `DisplayName LIKE '${prefix}%'`)).toBe(33);
  });

  it("throws when a whole chunk fails, and re-running the batch posts nothing twice", async () => {
    const prefix = uniqueName("Rerun");
    const items = customers(prefix, 40);
    const { client, sizes } = watchedClient(async (index) => {
      if (index === 2) await t.control("/faults", { kind: "503", count: 1, pathContains: "/batch" });
    });

    const error = await client.batch(items).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QboError);
    expect(error).toMatchObject({ code: "10000", status: 503, retryable: true });
    expect(await t.client.count("Customer", `DisplayName LIKE '${prefix}%'`)).toBe(30);

    const results = await client.batch(items);
    expect(sizes).toEqual([30, 10, 30, 10]);
    expect([...results.values()].every((r) => r.ok)).toBe(true);
    // The first chunk was replayed from its request id, not created again.
    expect(await t.client.count("Customer", `DisplayName LIKE '${prefix}%'`)).toBe(40);
  });

  it("refuses a batch whose bIds repeat, before sending anything", async () => {
    const before = t.usage.writes;
    const items = customers(uniqueName("Repeat"), 2).map((item) => ({ ...item, bId: "same" }));
    await expect(t.client.batch(items)).rejects.toMatchObject({ code: "INVALID_ARGUMENT", element: "bId" });
    expect(t.usage.writes).toBe(before);
  });
});
