// Real clients write MAXRESULTS before STARTPOSITION as often as after; QuickBooks accepts both orders.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSim, type TestSim } from "../../test-helpers";

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim();
});
afterAll(async () => {
  await t.sim.stop();
});

const query = (text: string) => t.api("GET", `/query?query=${encodeURIComponent(text)}`);

describe("paging clause order", () => {
  it("accepts MAXRESULTS then STARTPOSITION and pages the same as the other order", async () => {
    const a = await query("SELECT * FROM Customer MAXRESULTS 1000 STARTPOSITION 1");
    expect(a.status, a.text).toBe(200);
    const b = await query("select * from Account where Active = true maxresults 3 startposition 2");
    const c = await query("select * from Account where Active = true startposition 2 maxresults 3");
    expect(b.status, b.text).toBe(200);
    expect((b.body as { QueryResponse: unknown }).QueryResponse).toEqual((c.body as { QueryResponse: unknown }).QueryResponse);
    expect((b.body as { QueryResponse: { startPosition: number; maxResults: number } }).QueryResponse).toMatchObject({ startPosition: 2, maxResults: 3 });
  });

  it("still refuses a paging clause given twice", async () => {
    const res = await query("SELECT * FROM Customer MAXRESULTS 10 MAXRESULTS 5");
    expect(res.status).toBe(400);
    expect(res.text).toContain("4000");
  });
});
