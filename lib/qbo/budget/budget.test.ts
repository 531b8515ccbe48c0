import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, inject, it } from "vitest";
import { useTestDb } from "@/test/db";
import { createPrismaClient } from "../../db/create-client";
import { QboError } from "../client/qbo-error";
import { BUDGET_EXHAUSTED, createQboBudget, type Release } from "./index";

const realm = () => `realm-${randomUUID().slice(0, 8)}`;

describe("the shared QuickBooks budget", () => {
  // Two budgets over two pools stand for two app processes: everything they share goes through PostgreSQL.
  const db = useTestDb();
  const other = createPrismaClient(inject("databaseUrl"), { max: 4 });
  afterAll(() => other.$disconnect());

  it("two processes sharing a company never exceed 10 in flight nor the requests a window allows", async () => {
    const realmId = realm();
    // A 3 s window of 100 requests keeps the test short; the code path is the one of 500 a minute.
    const windowMs = 3_000;
    const limits = { requestsPerMinute: 100 };
    const a = createQboBudget({ db, windowMs, slackMs: 0, limits });
    const b = createQboBudget({ db: other, windowMs, slackMs: 0, limits });
    let inFlight = 0;
    let maxInFlight = 0;
    const started = Date.now();
    await Promise.all(
      Array.from({ length: 130 }, async (_, i) => {
        const release = await (i % 2 ? a : b).acquire(realmId, "request");
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 100));
        inFlight--;
        await release();
      }),
    );
    // 130 callers at once, each holding its slot 100 ms: without the cap far more than 10 would overlap.
    expect(maxInFlight).toBeLessThanOrEqual(10);
    expect(maxInFlight).toBeGreaterThan(1);
    // 130 calls need a second window: the 101st waits for the first to leave.
    expect(Date.now() - started).toBeGreaterThanOrEqual(windowMs);
    const [worst] = await db.$queryRaw<Array<{ most: bigint }>>`
      SELECT max(n) AS most FROM (SELECT (SELECT count(*) FROM "QboBudgetCall" o WHERE o."realmId" = c."realmId"
        AND o."startedAt" > c."startedAt" - interval '3 seconds' AND o."startedAt" <= c."startedAt") AS n
        FROM "QboBudgetCall" c WHERE c."realmId" = ${realmId}) t`;
    expect(Number(worst!.most)).toBe(100);
  }, 30_000);

  it("a lease a crashed process never released is free again once it expires", async () => {
    const realmId = realm();
    const crashed = createQboBudget({ db: other, leaseMs: 400 });
    // Timed from before the first lease: the slot frees 400 ms after it, however long the other nine took.
    const firstLeaseAt = Date.now();
    for (let i = 0; i < 10; i++) await crashed.acquire(realmId, "request");
    const live = createQboBudget({ db, leaseMs: 400 });
    expect(await live.remaining(realmId)).toMatchObject({ inFlight: 10 });
    const release = await live.acquire(realmId, "request");
    expect(Date.now() - firstLeaseAt).toBeGreaterThanOrEqual(350);
    await release();
    expect((await live.remaining(realmId)).inFlight).toBeLessThan(10);
  });

  it("counts batch calls against their own 40 a minute as well as the 500", async () => {
    const realmId = realm();
    const budget = createQboBudget({ db, limits: { batchesPerMinute: 3 } });
    for (let i = 0; i < 3; i++) await (await budget.acquire(realmId, "batch"))();
    expect(await budget.remaining(realmId)).toMatchObject({ requestsLeft: 497, batchesLeft: 0, inFlight: 0 });
    const refused = await budget.acquire(realmId, "batch", { maxWaitMs: 100 }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(QboError);
    expect(refused).toMatchObject({ code: BUDGET_EXHAUSTED, retryable: true });
    expect((refused as QboError).retryAfterMs).toBeGreaterThan(55_000);
    // Single calls still go.
    await (await budget.acquire(realmId, "request", { access: "read", maxWaitMs: 100 }))();
    expect(await budget.usage(realmId)).toEqual({ calls: 4, reads: 1, writes: 3, batches: 3, throttled: 0 });
  });

  it("after a 429 holds the company for its Retry-After, then paces by the window QuickBooks says is full", async () => {
    const realmId = realm();
    const a = createQboBudget({ db, windowMs: 1_500, slackMs: 0 });
    const b = createQboBudget({ db: other, windowMs: 1_500, slackMs: 0 });
    const releases: Release[] = [];
    const firstCallAt = Date.now();
    for (let i = 0; i < 5; i++) releases.push(await a.acquire(realmId, "request"));
    await Promise.all(releases.map((release) => release()));
    await a.throttled(realmId, 1_200);
    expect(await b.usage(realmId)).toEqual({ calls: 5, reads: 0, writes: 5, batches: 0, throttled: 1 });
    expect(await b.remaining(realmId)).toMatchObject({ requestsLeft: 0 });
    // Held (a lower bound only: a loaded machine may take its time between the calls).
    expect((await b.remaining(realmId)).blockedForMs).toBeGreaterThan(0);
    // The other process waits too: the hold and the filled window are in the database.
    await (await b.acquire(realmId, "request"))();
    // Not before the first of the five calls left the 1.5 s window (which is after the 1.2 s hold too).
    expect(Date.now() - firstCallAt).toBeGreaterThanOrEqual(1_500);
  });

  it("without a Retry-After holds only briefly, and an empty window is not filled beyond the limit", async () => {
    const realmId = realm();
    const budget = createQboBudget({ db, windowMs: 60_000, limits: { requestsPerMinute: 20 } });
    await budget.throttled(realmId);
    expect(await budget.remaining(realmId)).toMatchObject({ requestsLeft: 0 });
    expect((await budget.remaining(realmId)).blockedForMs).toBeLessThanOrEqual(1_000);
    await expect(budget.acquire(realmId, "request", { maxWaitMs: 2_000 })).rejects.toMatchObject({ code: BUDGET_EXHAUSTED });
  });
});
