import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixture, shapeOf, startTestSim, type TestSim } from "../../test-helpers";
import { replaceRecords } from "./test-records";

type QueryAnswer = { QueryResponse: Record<string, unknown> & { startPosition?: number; maxResults?: number; totalCount?: number }; time: string };
type Row = Record<string, unknown> & { Id: string };

let t: TestSim;

async function query(text: string): Promise<QueryAnswer["QueryResponse"]> {
  const answer = await t.api("GET", `/query?query=${encodeURIComponent(text)}&minorversion=75`);
  expect(answer.status, answer.text).toBe(200);
  return (answer.body as QueryAnswer).QueryResponse;
}

async function ids(text: string, entity: string): Promise<string[]> {
  const rows = ((await query(text))[entity] ?? []) as Row[];
  return rows.map((r) => r.Id);
}

beforeAll(async () => {
  t = await startTestSim();
});

afterAll(async () => {
  await t.sim.stop();
});

describe("query answers", () => {
  const captured = fixture<QueryAnswer>("qbo/api/exquickbooks/query_item_response.json");
  const items = captured.QueryResponse.Item as Row[];

  it("answers SELECT * FROM Item with the same shape and rows as the real capture", async () => {
    replaceRecords(t.realm, "Item", items);
    const answer = await t.api("GET", `/query?query=${encodeURIComponent("SELECT * FROM Item")}`);
    expect(answer.status).toBe(200);
    const body = answer.body as QueryAnswer;
    expect(shapeOf(body).filter((k) => !k.startsWith("QueryResponse.Item[]"))).toEqual(shapeOf(captured).filter((k) => !k.startsWith("QueryResponse.Item[]")));
    const rows = body.QueryResponse.Item as Row[];
    expect(body.QueryResponse).toMatchObject({ startPosition: 1, maxResults: 19 });
    expect(rows.map((r) => r.Id)).toEqual(items.map((r) => r.Id).sort((a, b) => Number(a) - Number(b)));
    for (const row of rows) expect(shapeOf(row)).toEqual(shapeOf(items.find((i) => i.Id === row.Id)));
  });

  it("orders by Name exactly as the captured answer", async () => {
    expect(await ids("select * from Item orderby Name", "Item")).toEqual(items.map((r) => r.Id));
  });

  it("reads keywords, entity and property names in any case", async () => {
    const rows = await query("select * from item WHERE name = 'PUMP' Order By metadata.lastupdatedtime desc");
    expect((rows.Item as Row[]).map((r) => r.Name)).toEqual(["Pump"]);
  });

  it("answers an empty QueryResponse when nothing matches", async () => {
    const answer = await t.api("GET", `/query?query=${encodeURIComponent("select * from Item where Name = 'Nothing'")}`);
    expect(answer.body).toEqual({ QueryResponse: {}, time: expect.any(String) });
  });

  it("accepts the statement as a POST body", async () => {
    const answer = await t.api("POST", "/query", "select count(*) from Item", { "content-type": "application/text" });
    expect(answer.status).toBe(200);
    expect((answer.body as QueryAnswer).QueryResponse).toEqual({ totalCount: 19 });
  });
});

describe("paging through 1,200 customers", () => {
  beforeAll(() => {
    replaceRecords(t.realm, "Customer", Array.from({ length: 1200 }, (_, i) => ({ DisplayName: `Customer ${String(i + 1).padStart(4, "0")}`, Active: true })));
  });

  it("pages with STARTPOSITION and MAXRESULTS; maxResults is the number of rows returned", async () => {
    const seen: string[] = [];
    const pages: { startPosition?: number; maxResults?: number }[] = [];
    for (let start = 1; ; start += 500) {
      const page = await query(`SELECT * FROM Customer STARTPOSITION ${start} MAXRESULTS 500`);
      if (!page.Customer) {
        expect(page).toEqual({});
        break;
      }
      pages.push({ startPosition: page.startPosition, maxResults: page.maxResults });
      seen.push(...(page.Customer as Row[]).map((r) => r.Id));
    }
    expect(pages).toEqual([
      { startPosition: 1, maxResults: 500 },
      { startPosition: 501, maxResults: 500 },
      { startPosition: 1001, maxResults: 200 },
    ]);
    expect(seen).toEqual(Array.from({ length: 1200 }, (_, i) => String(i + 1)));
  });

  it("returns 100 rows by default and up to 1000 when asked", async () => {
    expect((await query("select * from Customer")).maxResults).toBe(100);
    const big = await query("select * from Customer maxresults 1000");
    expect((big.Customer as Row[]).length).toBe(1000);
    expect(big.maxResults).toBe(1000);
  });

  it("counts every match with count(*), ignoring paging clauses", async () => {
    expect(await query("select count(*) from Customer startposition 1 maxresults 1000")).toEqual({ totalCount: 1200 });
    expect(await query("select count(*) from Customer where DisplayName like 'Customer 00%'")).toEqual({ totalCount: 99 });
  });
});

describe("filters", () => {
  beforeAll(() => {
    const at = (time: string) => ({ CreateTime: time, LastUpdatedTime: time });
    replaceRecords(t.realm, "Invoice", [
      { Id: "2", DocNumber: "A-1", TxnDate: "2025-01-01", TotalAmt: 50.5, CustomerRef: { value: "5", name: "Bo" }, MetaData: at("2025-01-01T09:30:00-08:00") },
      { Id: "9", DocNumber: "A-2", TxnDate: "2025-01-02", TotalAmt: 100, CustomerRef: { value: "5", name: "Bo" }, MetaData: at("2025-01-01T19:30:00Z") },
      { Id: "10", DocNumber: "A-3", TxnDate: "2025-01-03", TotalAmt: 250, CustomerRef: { value: "7", name: "Al" }, MetaData: at("2025-01-02T08:00:00-08:00") },
      { Id: "11", DocNumber: "b_4", TxnDate: "2025-02-01", TotalAmt: 0, CustomerRef: { value: "12", name: "Cy" }, MetaData: at("2025-02-01T00:00:00-08:00") },
    ]);
  });

  it("compares references by their id", async () => {
    expect(await ids("select * from Invoice where CustomerRef = '5'", "Invoice")).toEqual(["2", "9"]);
    expect(await ids("select * from Invoice where CustomerRef IN ('7', '12')", "Invoice")).toEqual(["10", "11"]);
  });

  it("compares dates and times as instants, whatever their offset", async () => {
    expect(await ids("select * from Invoice where TxnDate >= '2025-01-02' and TxnDate < '2025-02-01'", "Invoice")).toEqual(["9", "10"]);
    expect(await ids("select * from Invoice where TxnDate <= '2025-01-01'", "Invoice")).toEqual(["2"]);
    // 19:30Z is 11:30 at -08:00, after 10:00 there; 09:30-08:00 is before.
    expect(await ids("select * from Invoice where MetaData.LastUpdatedTime > '2025-01-01T10:00:00-08:00'", "Invoice")).toEqual(["9", "10", "11"]);
    expect(await ids("select * from Invoice where Metadata.LastUpdatedTime <= '2025-01-01T19:30:00Z'", "Invoice")).toEqual(["2", "9"]);
  });

  it("compares amounts as numbers, quoted or not", async () => {
    expect(await ids("select * from Invoice where TotalAmt > 100", "Invoice")).toEqual(["10"]);
    expect(await ids("select * from Invoice where TotalAmt <= '50.5'", "Invoice")).toEqual(["2", "11"]);
    expect(await ids("select * from Invoice where TotalAmt = 100.0", "Invoice")).toEqual(["9"]);
  });

  it("compares numeric Ids as numbers", async () => {
    expect(await ids("select * from Invoice where Id > '9'", "Invoice")).toEqual(["10", "11"]);
    expect(await ids("select * from Invoice where Id IN ('2', '11')", "Invoice")).toEqual(["2", "11"]);
  });

  it("matches text with = and IN regardless of case", async () => {
    expect(await ids("select * from Invoice where DocNumber = 'a-2'", "Invoice")).toEqual(["9"]);
    expect(await ids("select * from Invoice where DocNumber IN ('a-1', 'A-3', 'zzz')", "Invoice")).toEqual(["2", "10"]);
  });

  it("matches LIKE with % only; _ is an ordinary character", async () => {
    expect(await ids("select * from Invoice where DocNumber like 'a-%'", "Invoice")).toEqual(["2", "9", "10"]);
    expect(await ids("select * from Invoice where DocNumber like '%_4'", "Invoice")).toEqual(["11"]);
    expect(await ids("select * from Invoice where DocNumber like 'A_1'", "Invoice")).toEqual([]);
  });

  it("combines conditions with AND", async () => {
    expect(await ids("select * from Invoice where CustomerRef = '5' and TotalAmt > 60", "Invoice")).toEqual(["9"]);
  });

  it("orders by several fields, DESC or ASC", async () => {
    expect(await ids("select * from Invoice orderby TotalAmt desc", "Invoice")).toEqual(["10", "9", "2", "11"]);
    expect(await ids("select * from Invoice order by CustomerRef, TxnDate DESC", "Invoice")).toEqual(["9", "2", "10", "11"]);
  });
});

describe("inactive names and projections", () => {
  beforeAll(() => {
    replaceRecords(t.realm, "Vendor", [
      { DisplayName: "Active Vendor", Active: true },
      { DisplayName: "Retired Vendor", Active: false },
      { DisplayName: "Another Vendor", Active: true, CompanyName: "Another Ltd" },
    ]);
  });

  it("hides inactive name-list records unless the query asks about Active", async () => {
    expect(await ids("select * from Vendor", "Vendor")).toEqual(["1", "3"]);
    expect(await query("select count(*) from Vendor")).toEqual({ totalCount: 2 });
    expect(await ids("select * from Vendor where Active = false", "Vendor")).toEqual(["2"]);
    expect(await ids("select * from Vendor where Active IN (true, false)", "Vendor")).toEqual(["1", "2", "3"]);
  });

  it("returns only the selected fields plus domain, sparse: true, Id, SyncToken and MetaData", async () => {
    const rows = (await query("select DisplayName, companyname from Vendor where Id = '3'")).Vendor as Row[];
    expect(rows).toEqual([
      {
        DisplayName: "Another Vendor",
        CompanyName: "Another Ltd",
        domain: "QBO",
        sparse: true,
        Id: "3",
        SyncToken: "0",
        MetaData: { CreateTime: "2025-01-01T00:00:00-08:00", LastUpdatedTime: "2025-01-01T00:00:00-08:00" },
      },
    ]);
    expect(Object.keys(rows[0]!)).toEqual(["DisplayName", "CompanyName", "domain", "sparse", "Id", "SyncToken", "MetaData"]);
  });
});
