import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDb } from "@/test/db";
import { QboError } from "../client/qbo-error";
import { startClientSim, uniqueName, type ClientSim } from "../client/test-kit";
import { BUDGET_EXHAUSTED, createQboBudget } from "./index";

// The client's transport draws every request from the budget, against the simulator's real limits.
describe("QuickBooks calls through the shared budget", () => {
  const db = useTestDb();
  let t: ClientSim;
  beforeAll(async () => {
    t = await startClientSim();
  });
  afterAll(async () => {
    await t.stop();
  });

  it("stops a call the budget has no room for before it reaches QuickBooks", async () => {
    // This database has seen no call to the company yet: the three allowed are all this test makes.
    const budget = createQboBudget({ db, limits: { requestsPerMinute: 3 }, maxWaitMs: 200 });
    const client = t.clientWith({ budget, realmId: t.realmId });
    const before = await t.simCounters();
    await client.preferences();
    await client.query("select * from Item");
    await client.create("Customer", { DisplayName: uniqueName("Budget") }, { requestId: `budget-${randomUUID().slice(0, 8)}` });
    const refused = await client.companyInfo().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(QboError);
    expect(refused).toMatchObject({ code: BUDGET_EXHAUSTED, retryable: true });
    const after = await t.simCounters();
    expect(after.reads + after.writes - before.reads - before.writes).toBe(3);
    expect(await budget.usage(t.realmId)).toMatchObject({ calls: 3, reads: 2, writes: 1 });
    expect(await budget.remaining(t.realmId)).toMatchObject({ requestsLeft: 0, inFlight: 0 });
  });

  it("counts a batch call as a batch and a request", async () => {
    const budget = createQboBudget({ db });
    await t.control("/limits", { realmId: t.realmId, requestsPerMinute: 500 });
    await t.clientWith({ budget }).batch([{ bId: "1", operation: "create", entity: "Customer", body: { DisplayName: uniqueName("Batch") }, requestId: `budget-b-${randomUUID().slice(0, 8)}` }]);
    expect(await budget.remaining(t.realmId)).toMatchObject({ batchesLeft: 39 });
  });

  it("a 429 QuickBooks sends anyway holds the company in the budget for every process", async () => {
    const budget = createQboBudget({ db, maxWaitMs: 200 });
    // QuickBooks counts calls the budget never saw (made without it here; another app on the company, say).
    await t.client.preferences();
    await t.control("/limits", { realmId: t.realmId, requestsPerMinute: 1 });
    const client = t.clientWith({ budget });
    const throttled = await client.preferences().catch((error: unknown) => error);
    expect(throttled).toMatchObject({ type: "ThrottlingFault", status: 429 });
    const left = await createQboBudget({ db }).remaining(t.realmId);
    expect(left).toMatchObject({ requestsLeft: 0 });
    expect(await budget.usage(t.realmId)).toMatchObject({ throttled: 1 });
    // The next call is not sent: the budget says the window is full.
    const held = await client.preferences().catch((error: unknown) => error);
    expect(held).toMatchObject({ code: BUDGET_EXHAUSTED });
    await t.control("/limits", { realmId: t.realmId, requestsPerMinute: 500 });
  });
});
