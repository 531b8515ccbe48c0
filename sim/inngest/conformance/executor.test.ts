import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningExecutor, RunView } from "../index";
import { devClient, serveAndSync, startExecutorForTest, type ServedApp } from "../test-helpers";
import { CONCURRENCY_HOLD_MS, createConformance, type Conformance } from "./functions";

// The conformance suite under the local executor: the same functions as inngest-test.test.ts, served by the
// SDK's real serve handler and driven over HTTP, with the features @inngest/test does not model (real retries,
// sleeps, waits, concurrency, throttle, batching, idempotency, cancellation, cron, invoke, sendEvent).

let ex: RunningExecutor;
let app: ServedApp;
let conformance: Conformance;
let seq = 0;

// executor-durable.test.ts runs this same suite with the runs in PostgreSQL (in a schema of its own).
const durable = (globalThis as { conformanceDurable?: { databaseUrl: string; schema: string } }).conformanceDurable;

beforeAll(async () => {
  ex = await startExecutorForTest(durable ?? {});
  const client = devClient("conformance", ex.url);
  conformance = createConformance(client);
  app = await serveAndSync(ex, client, conformance.all);
});

afterAll(async () => {
  await app?.stop();
  await ex?.stop();
});

const uid = (label: string) => `${label}-${Date.now()}-${seq++}`;

async function send(name: string, data: Record<string, unknown>, id = uid(name)): Promise<string> {
  await app.client.send({ id, name, data });
  return id;
}

const runs = (fn: string) => ex.executor.listRuns({ functionId: fn, limit: 1000 });
const done = (r: RunView) => r.status === "completed" || r.status === "failed" || r.status === "cancelled";

/** Waits until the run started by `eventId` has finished, and returns it. */
function finished(fn: string, eventId: string, timeoutMs = 10_000): Promise<RunView> {
  return ex.executor.waitFor(() => runs(fn).find((r) => r.eventIds.includes(eventId) && done(r)), timeoutMs);
}

const hitsOf = (fn: string, runId: string) => conformance.probe.hits(fn).filter((h) => h.runId === runId);

describe("steps and retries", () => {
  it("memoises sequential and parallel steps: each step body runs once and the output uses them all", async () => {
    const run = await finished("steps", await send("conformance/steps", { n: 5 }));
    expect(run.status).toBe("completed");
    expect(run.output).toEqual({ doubled: 10, a: 11, b: 12, sum: 23 });
    expect(hitsOf("steps", run.id)).toHaveLength(1);
    expect(run.steps).toBe(4);
  });

  it("retries a failing step with the attempt number rising, then succeeds", async () => {
    const run = await finished("retry-then-success", await send("conformance/retry", {}));
    expect(run.status).toBe("completed");
    // The function returns from a later request; like Inngest, the executor counts attempts per step.
    expect(run.output).toMatchObject({ result: "ok" });
    expect(hitsOf("retry-then-success", run.id).map((h) => h.attempt)).toEqual([0, 1, 2]);
    expect(run.retries).toBe(2);
  });

  it("fails for good after one attempt on a non-retriable error", async () => {
    const run = await finished("no-retry-failure", await send("conformance/no-retry", {}));
    expect(run.status).toBe("failed");
    expect(run.lastError).toContain("card declined for good");
    expect(hitsOf("no-retry-failure", run.id).map((h) => h.attempt)).toEqual([0]);
  });

  it("waits as long as the function's Retry-After asks before retrying", async () => {
    const run = await finished("retry-after", await send("conformance/retry-after", {}));
    expect(run.output).toMatchObject({ result: "ok" });
    const [first, second] = hitsOf("retry-after", run.id);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(1_000);
  });
});

describe("sleep and waitForEvent", () => {
  // Not early (a lower bound on time holds on a busy machine), and for the time asked rather than some fixed
  // or polled interval: a 1 s sleep started after a 3 s one wakes first.
  it("sleeps for the asked time, then carries on", async () => {
    const long = await send("conformance/sleep", { ms: 3_000 });
    await ex.executor.waitFor(() => runs("sleep").find((r) => r.eventIds.includes(long) && r.status === "sleeping"));
    const short = await send("conformance/sleep", {});
    const [slept3s, slept1s] = await Promise.all([finished("sleep", long), finished("sleep", short)]);
    const output = (run: RunView) => run.output as { before: number; after: number };
    expect(output(slept1s).after - output(slept1s).before).toBeGreaterThanOrEqual(1_000);
    expect(output(slept3s).after - output(slept3s).before).toBeGreaterThanOrEqual(3_000);
    expect(output(slept1s).after).toBeLessThan(output(slept3s).after);
  });

  it("resumes on the matching event only, with that event's data", async () => {
    const id = await send("conformance/wait", { requestId: "req-hit" });
    await ex.executor.waitFor(() => runs("wait-for-event").find((r) => r.eventIds.includes(id) && r.status === "waiting"));
    await send("conformance/approved", { requestId: "req-other", by: "Mallory" });
    await send("conformance/approved", { requestId: "req-hit", by: "Ada" });
    const run = await finished("wait-for-event", id);
    expect(run.output).toEqual({ approved: true, by: "Ada" });
  });

  it("gives null when the event does not come before the timeout", async () => {
    const started = Date.now();
    const run = await finished("wait-for-event", await send("conformance/wait", { requestId: "req-never" }));
    expect(run.output).toEqual({ approved: false, by: null });
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
  });
});

describe("flow control", () => {
  it("runs at most 2 steps at once per concurrency key, while other keys run alongside", async () => {
    // From before the first send: with the runs in a database, the first runs may start before the last send returns.
    const started = Date.now();
    const ids = [
      ...(await Promise.all(Array.from({ length: 10 }, () => send("conformance/concurrency", { tenant: "tenant-a" })))),
      ...(await Promise.all(Array.from({ length: 4 }, () => send("conformance/concurrency", { tenant: "tenant-b" })))),
    ];
    await ex.executor.waitFor(() => ids.every((id) => runs("concurrency").some((r) => r.eventIds.includes(id) && done(r))), 20_000);
    expect(conformance.probe.maxActive("tenant-a")).toBe(2);
    expect(conformance.probe.maxActive("tenant-b")).toBe(2);
    // Ten holds of 150 ms, two at a time: at least five rounds.
    expect(Date.now() - started).toBeGreaterThanOrEqual(5 * CONCURRENCY_HOLD_MS);
  });

  it("throttles starts to 5 a second, delaying the rest rather than dropping them", async () => {
    const ids = await Promise.all(Array.from({ length: 10 }, (_, i) => send("conformance/throttle", { i })));
    await ex.executor.waitFor(() => ids.every((id) => runs("throttle").some((r) => r.eventIds.includes(id) && done(r))), 20_000);
    const mine = runs("throttle").filter((r) => ids.some((id) => r.eventIds.includes(id)));
    expect(mine.map((r) => r.status)).toEqual(Array(10).fill("completed"));
    const starts = mine.map((r) => Date.parse(r.startedAt!)).sort((a, b) => a - b);
    // No window of one second holds more than five starts (timers fire late, never early; 50 ms for ISO rounding).
    // That the first five are not held back is the Throttle's own table test (sim/inngest/flow-control.test.ts):
    // here it would be a bound on wall time, which a busy machine breaks.
    for (let i = 0; i + 5 < starts.length; i++) expect(starts[i + 5]! - starts[i]!).toBeGreaterThanOrEqual(950);
  });

  it("batches events per key: a full batch at once, the rest when the timeout passes", async () => {
    const a = uid("tenant-a");
    const b = uid("tenant-b");
    await app.client.send([
      ...Array.from({ length: 7 }, (_, i) => ({ name: "conformance/batch", data: { tenant: a, i } })),
      ...Array.from({ length: 3 }, (_, i) => ({ name: "conformance/batch", data: { tenant: b, i } })),
    ]);
    await ex.executor.waitFor(() => {
      const seen = conformance.probe.hits("batch").map((h) => h.data as { tenant: string });
      return seen.filter((s) => s.tenant === a).length === 2 && seen.some((s) => s.tenant === b);
    });
    const batches = conformance.probe
      .hits("batch")
      .map((h) => h.data as { tenant: string; is: number[] })
      .filter((d) => d.tenant === a || d.tenant === b);
    expect(batches).toEqual(
      expect.arrayContaining([
        { tenant: a, is: [0, 1, 2, 3, 4] },
        { tenant: a, is: [5, 6] },
        { tenant: b, is: [0, 1, 2] },
      ]),
    );
    expect(batches).toHaveLength(3);
  });

  it("runs once per idempotency key, whatever the event ids", async () => {
    const order = uid("order");
    const other = uid("order");
    const ids = [
      await send("conformance/idempotent", { orderId: order }),
      await send("conformance/idempotent", { orderId: order }),
      await send("conformance/idempotent", { orderId: other }),
      await send("conformance/idempotent", { orderId: order }),
    ];
    await ex.executor.waitFor(() => runs("idempotency").some((r) => r.eventIds.includes(ids[2]!) && done(r)));
    await ex.executor.waitFor(() => runs("idempotency").some((r) => r.eventIds.includes(ids[0]!) && done(r)));
    const orders = conformance.probe.hits("idempotency").map((h) => (h.data as { orderId: string }).orderId);
    expect(orders.filter((o) => o === order)).toHaveLength(1);
    expect(orders.filter((o) => o === other)).toHaveLength(1);
    expect(runs("idempotency").filter((r) => ids.some((id) => r.eventIds.includes(id)))).toHaveLength(2);
  });

  it("cancels a sleeping run when the matching cancel event arrives, and only that run", async () => {
    const cancelled = uid("job");
    const kept = uid("job");
    const cancelledId = await send("conformance/cancellable", { jobId: cancelled });
    const keptId = await send("conformance/cancellable", { jobId: kept });
    await ex.executor.waitFor(() => runs("cancellable").filter((r) => [cancelledId, keptId].some((id) => r.eventIds.includes(id)) && r.status === "sleeping").length === 2);
    await send("conformance/cancel", { jobId: cancelled });
    const run = await finished("cancellable", cancelledId);
    expect(run.status).toBe("cancelled");
    const other = await finished("cancellable", keptId, 15_000);
    expect(other.status).toBe("completed");
    const finishedJobs = conformance.probe.hits("cancellable").map((h) => (h.data as { jobId: string }).jobId);
    expect(finishedJobs).toContain(kept);
    expect(finishedJobs).not.toContain(cancelled);
  });
});

describe("cron, invoke and sendEvent", () => {
  it("fires the cron function at its scheduled times only", async () => {
    const before = conformance.probe.hits("cron").length;
    ex.executor.tick(Date.parse("2031-03-03T10:03:30Z")); // the latest time before this one fires (10:00)
    expect(ex.executor.tick(Date.parse("2031-03-03T10:04:59Z"))).toBe(0);
    expect(ex.executor.tick(Date.parse("2031-03-03T10:05:00Z"))).toBe(1);
    await ex.executor.waitFor(() => conformance.probe.hits("cron").length === before + 2);
    // The two runs start together, so they may finish in either order; the schedule is what matters.
    const seen = conformance.probe
      .hits("cron")
      .slice(before)
      .map((h) => h.data as { name: string; ts: number })
      .sort((a, b) => a.ts - b.ts);
    expect(seen).toEqual([
      { name: "inngest/scheduled.timer", ts: Date.parse("2031-03-03T10:00:00Z") },
      { name: "inngest/scheduled.timer", ts: Date.parse("2031-03-03T10:05:00Z") },
    ]);
  });

  it("invokes another function and gets its output back", async () => {
    const run = await finished("invoke-parent", await send("conformance/invoke", {}));
    expect(run.output).toEqual({ y: 42 });
    expect(runs("invoke-child").some((r) => r.status === "completed" && (r.output as { y: number }).y === 42)).toBe(true);
  });

  it("sends an event from a step that starts another function, once", async () => {
    const k = uid("k");
    const run = await finished("send-event", await send("conformance/send", { k }));
    expect(run.status).toBe("completed");
    await ex.executor.waitFor(() => conformance.probe.hits("sent-receiver").some((h) => (h.data as { k: string }).k === k));
    expect(conformance.probe.hits("sent-receiver").filter((h) => (h.data as { k: string }).k === k)).toHaveLength(1);
  });
});
