import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixture, shapeOf, startTestSim, type TestSim } from "../test-helpers";

type Fault = { Error: { Message: string; Detail: string; code: string; element: string }[]; type: string };
type ItemAnswer = Record<string, unknown> & { bId: string; Fault?: Fault };
type BatchAnswer = { BatchItemResponse: ItemAnswer[]; time: string };

let t: TestSim;

async function batch(items: unknown[]): Promise<{ status: number; body: BatchAnswer & { Fault?: Fault } }> {
  const answer = await t.api("POST", "/batch?minorversion=75", { BatchItemRequest: items });
  return { status: answer.status, body: answer.body as BatchAnswer & { Fault?: Fault } };
}

async function countCustomers(prefix: string): Promise<number> {
  const answer = await t.api("GET", `/query?query=${encodeURIComponent(`select count(*) from Customer where DisplayName like '${prefix}%'`)}`);
  return (answer.body as { QueryResponse: { totalCount: number } }).QueryResponse.totalCount;
}

beforeAll(async () => {
  t = await startTestSim();
});

afterAll(async () => {
  await t.sim.stop();
});

describe("batch", () => {
  it("runs 30 items in order, each succeeding or failing alone, answered by bId", async () => {
    const made = await t.api("POST", "/customer", { DisplayName: "Existing Customer" });
    expect(made.status).toBe(200);
    const existing = (made.body as { Customer: { Id: string } }).Customer;

    const items: unknown[] = [
      ...Array.from({ length: 10 }, (_, i) => ({ bId: `c${i + 1}`, operation: "create", Customer: { DisplayName: `Batch ${i + 1}` } })),
      { bId: "dup", operation: "create", Customer: { DisplayName: "Batch 1" } },
      { bId: "count", Query: "select count(*) from Customer where DisplayName like 'Batch%'" },
      { bId: "upd", operation: "update", Customer: { Id: existing.Id, SyncToken: "0", sparse: true, CompanyName: "Renamed Ltd" } },
      { bId: "stale", operation: "update", Customer: { Id: existing.Id, SyncToken: "0", sparse: true, CompanyName: "Too Late Ltd" } },
      { bId: "merge", operation: "merge", Customer: { Id: existing.Id, SyncToken: "1" } },
      { bId: "badquery", Query: "select * from Customer where DisplayName = 'a' or Id = '1'" },
      { bId: "del", operation: "delete", Customer: { Id: existing.Id, SyncToken: "1" } },
      { bId: "widget", operation: "create", Widget: { Name: "x" } },
      ...Array.from({ length: 12 }, (_, i) => ({ bId: `m${i + 1}`, operation: "create", Customer: { DisplayName: `More ${i + 1}` } })),
    ];
    expect(items).toHaveLength(30);

    const { status, body } = await batch(items);
    expect(status).toBe(200);
    const answers = body.BatchItemResponse;
    expect(answers.map((a) => a.bId)).toEqual(items.map((i) => (i as { bId: string }).bId));

    const byId = new Map(answers.map((a) => [a.bId, a]));
    const faultCode = (bId: string) => byId.get(bId)?.Fault?.Error[0]?.code;
    for (let i = 1; i <= 10; i++) expect(byId.get(`c${i}`)).toMatchObject({ Customer: { DisplayName: `Batch ${i}`, SyncToken: "0" } });
    expect(faultCode("dup")).toBe("6240");
    // The query item sees the ten customers the items before it created.
    expect(byId.get("count")).toEqual({ QueryResponse: { totalCount: 10 }, bId: "count" });
    expect(byId.get("upd")).toMatchObject({ Customer: { Id: existing.Id, SyncToken: "1", CompanyName: "Renamed Ltd" } });
    // Run after the update above, the same SyncToken is stale.
    expect(faultCode("stale")).toBe("5010");
    expect(faultCode("merge")).toBe("500");
    expect(faultCode("badquery")).toBe("4000");
    expect(faultCode("del")).toBe("500");
    expect(byId.get("widget")?.Fault?.Error[0]).toMatchObject({ code: "2010", element: "Widget" });
    for (let i = 1; i <= 12; i++) expect(byId.get(`m${i}`)?.Customer).toMatchObject({ DisplayName: `More ${i}` });
    for (const answer of answers.filter((a) => a.Fault)) expect(answer.Fault!.type).toBe("ValidationFault");

    expect(await countCustomers("Batch")).toBe(10);
    expect(await countCustomers("More")).toBe(12);
    const read = await t.api("GET", `/customer/${existing.Id}`);
    expect((read.body as { Customer: Record<string, unknown> }).Customer).toMatchObject({ CompanyName: "Renamed Ltd", SyncToken: "1" });
  });

  it("refuses 31 items as a whole and runs none of them", async () => {
    const items = Array.from({ length: 31 }, (_, i) => ({ bId: String(i + 1), operation: "create", Customer: { DisplayName: `Over ${i + 1}` } }));
    const { status, body } = await batch(items);
    expect(status).toBe(400);
    expect(body.Fault?.type).toBe("ValidationFault");
    expect(body.Fault?.Error[0]).toMatchObject({ code: "1040" });
    expect(body.BatchItemResponse).toBeUndefined();
    expect(await countCustomers("Over")).toBe(0);
  });

  it("answers in the shape of the real capture", async () => {
    const captured = fixture<BatchAnswer>("qbo/batch/python_quickbooks_batch_response_with_duplicate_fault.json");
    await t.api("POST", "/customer", { DisplayName: "Shape Taken" });
    const { status, body } = await batch([
      { bId: "2", operation: "create", Customer: { DisplayName: "Shape New" } },
      { bId: "1", operation: "create", Customer: { DisplayName: "Shape Taken" } },
    ]);
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(Object.keys(captured).sort());
    const [ok, failed] = body.BatchItemResponse;
    const [capturedOk, capturedFault] = captured.BatchItemResponse;
    // Entity (or Fault) first, then bId; the capture's numeric Id is a transcription artefact (QuickBooks sends strings).
    expect(Object.keys(ok!)).toEqual(Object.keys(capturedOk!));
    expect(typeof (ok!.Customer as { Id: unknown }).Id).toBe("string");
    expect(Object.keys(failed!)).toEqual(Object.keys(capturedFault!));
    expect(shapeOf(failed).sort()).toEqual(shapeOf(capturedFault).sort());
    expect(failed!.Fault).toMatchObject({ type: "ValidationFault", Error: [{ Message: "Duplicate Name Exists Error", code: "6240" }] });
  });
});

describe("malformed batch items", () => {
  it("refuses the whole request when an item has no bId", async () => {
    const { status, body } = await batch([
      { bId: "1", operation: "create", Customer: { DisplayName: "NoBid One" } },
      { operation: "create", Customer: { DisplayName: "NoBid Two" } },
    ]);
    expect(status).toBe(400);
    expect(body.Fault?.Error[0]).toMatchObject({ code: "2020", element: "bId" });
    expect(await countCustomers("NoBid")).toBe(0);
  });

  it("refuses a body without BatchItemRequest", async () => {
    const answer = await t.api("POST", "/batch", { Items: [] });
    expect(answer.status).toBe(400);
    expect((answer.body as { Fault: Fault }).Fault.Error[0]!.code).toBe("2020");
  });

  it("runs neither item of a duplicated bId, and still runs the others", async () => {
    const { status, body } = await batch([
      { bId: "same", operation: "create", Customer: { DisplayName: "Twin One" } },
      { bId: "other", operation: "create", Customer: { DisplayName: "Twin Other" } },
      { bId: "same", operation: "create", Customer: { DisplayName: "Twin Two" } },
    ]);
    expect(status).toBe(200);
    const [first, other, second] = body.BatchItemResponse;
    expect(first).toMatchObject({ bId: "same", Fault: { Error: [{ element: "bId" }] } });
    expect(second).toMatchObject({ bId: "same", Fault: { Error: [{ element: "bId" }] } });
    expect(other).toMatchObject({ bId: "other", Customer: { DisplayName: "Twin Other" } });
    expect(await countCustomers("Twin")).toBe(1);
  });

  it("faults items with no entity, a lower-case entity key, two entities or no operation", async () => {
    const { status, body } = await batch([
      { bId: "none", operation: "create" },
      { bId: "lower", operation: "create", customer: { DisplayName: "Lower" } },
      { bId: "two", operation: "create", Customer: { DisplayName: "Two" }, Vendor: { DisplayName: "Two V" } },
      { bId: "noop", Customer: { DisplayName: "No Op" } },
      { bId: "mixed", Query: "select * from Customer", Customer: { DisplayName: "Mixed" } },
    ]);
    expect(status).toBe(200);
    const codes = body.BatchItemResponse.map((a) => [a.bId, a.Fault?.Error[0]?.code]);
    expect(codes).toEqual([
      ["none", "2020"],
      ["lower", "2010"],
      ["two", "2010"],
      ["noop", "2020"],
      ["mixed", "2010"],
    ]);
    const names = await t.api("GET", `/query?query=${encodeURIComponent("select * from Customer where DisplayName IN ('Lower', 'Two', 'No Op', 'Mixed')")}`);
    expect((names.body as { QueryResponse: unknown }).QueryResponse).toEqual({});
  });
});
