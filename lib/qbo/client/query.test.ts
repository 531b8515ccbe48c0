import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QboError } from "./qbo-error";
import { qboString } from "./query";
import { startClientSim, type ClientSim } from "./test-kit";
import type { BatchItem } from "./types";

const CUSTOMERS = 2_500;
const PAGING = "Paging customer";

let t: ClientSim;
const createdIds: string[] = [];

beforeAll(async () => {
  t = await startClientSim();
  await t.control("/limits", { realmId: t.realmId, requestsPerMinute: 100_000, batchesPerMinute: 1_000 });
  const items: BatchItem[] = Array.from({ length: CUSTOMERS }, (_, i) => {
    const n = String(i).padStart(4, "0");
    return { bId: n, operation: "create", entity: "Customer", body: { DisplayName: `${PAGING} ${n}` }, requestId: `query-test-customer-${n}` };
  });
  const results = await t.client.batch(items);
  for (const result of results.values()) {
    if (!result.ok || !result.record) throw new Error(`Seeding customer ${result.bId} failed`);
    createdIds.push(result.record.Id);
  }
});

afterAll(async () => {
  await t.stop();
});

describe("paging through a large list", () => {
  it(`returns all ${CUSTOMERS} customers exactly once, in Id order, in pages of 1000`, async () => {
    const readsBefore = t.usage.reads;
    const pageSizes: number[] = [];
    const seen: string[] = [];
    for await (const page of t.client.queryPages("Customer", { where: `DisplayName LIKE '${PAGING}%'` })) {
      pageSizes.push(page.length);
      seen.push(...page.map((customer) => customer.Id));
    }
    expect(pageSizes).toEqual([1000, 1000, 500]);
    expect(new Set(seen).size).toBe(CUSTOMERS);
    expect(seen).toEqual([...createdIds].sort((a, b) => Number(a) - Number(b)));
    // Three pages, three metered reads: the short last page ends the paging without an extra empty read.
    expect(t.usage.reads - readsBefore).toBe(3);
  });

  it("collects every page with queryAll and honours ORDERBY", async () => {
    const all = await t.client.queryAll("Customer", { where: `DisplayName LIKE '${PAGING}%'`, orderBy: "DisplayName DESC", pageSize: 700 });
    expect(all).toHaveLength(CUSTOMERS);
    expect(all[0]?.DisplayName).toBe(`${PAGING} 2499`);
    expect(all.at(-1)?.DisplayName).toBe(`${PAGING} 0000`);
  });

  it("counts without reading rows", async () => {
    expect(await t.client.count("Customer", `DisplayName LIKE '${PAGING}%'`)).toBe(CUSTOMERS);
  });

  it("looks up a long list of Ids in one query, sent in the body rather than the URL", async () => {
    const ids = createdIds.slice(0, 500);
    const statement = `select * from Customer where Id IN (${ids.map(qboString).join(",")}) maxresults 1000`;
    expect(statement.length).toBeGreaterThan(2_000);
    const page = await t.client.query(statement);
    expect(page.rows.map((row) => row.Id)).toEqual(ids);
    expect(t.responses.at(-1)).toMatchObject({ method: "POST", path: "/query", status: 200 });
  });

  it("answers a query with no rows as an empty page", async () => {
    const page = await t.client.query(`select * from Customer where DisplayName = ${qboString("Nobody's here")}`);
    expect(page).toMatchObject({ rows: [], maxResults: 0 });
  });

  it("finds a name with an apostrophe when quoted with qboString", async () => {
    const name = "O'Brien & Sons";
    await t.client.create("Customer", { DisplayName: name }, { requestId: "query-test-obrien" });
    const page = await t.client.query(`select * from Customer where DisplayName = ${qboString(name)}`);
    expect(page.entity).toBe("Customer");
    expect(page.rows).toHaveLength(1);
  });

  it("refuses a page larger than QuickBooks allows, and reports a query QuickBooks cannot parse as 4000", async () => {
    await expect(t.client.queryAll("Customer", { pageSize: 1001 })).rejects.toMatchObject({ code: "INVALID_ARGUMENT" });
    const error = await t.client.query("select * from Customer where DisplayName = 'a' or DisplayName = 'b'").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QboError);
    expect(error).toMatchObject({ code: "4000", type: "ValidationFault", retryable: false });
  });
});
