import { createHash } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningExecutor } from "./index";
import { devClient, serveAndSync, startExecutorForTest, type ServedApp } from "./test-helpers";

// The executor in durable mode (runs in PostgreSQL): stopped mid-run and started again on the same database, it
// finishes every run it had acknowledged, once, without running again the steps it had stored; it keeps its
// event-id dedup, idempotency keys and sleeps across the restart. Each file run uses a schema of its own.

const databaseUrl = process.env.DATABASE_URL!;
const schema = `inngest_test_${process.pid}_${Date.now()}`;
const hits: { fn: string; runId: string; step: string; at: number; data?: unknown }[] = [];
let ex: RunningExecutor;
let app: ServedApp;
let db: pg.Client;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** The SDK's id for a step used once in a run: the sha1 of its name. */
const stepHash = (name: string) => createHash("sha1").update(name).digest("hex");

beforeAll(async () => {
  db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  ex = await startExecutorForTest({ databaseUrl, schema });
  const client = devClient("durable", ex.url);
  const chain = client.createFunction(
    { id: "chain", concurrency: { limit: 2 }, triggers: [{ event: "durable/chain" }] },
    async ({ step, runId }) => {
      for (const [name, ms] of [["a", 10], ["b", 150], ["c", 10]] as const) {
        await step.run(name, async () => {
          hits.push({ fn: "chain", runId, step: name, at: Date.now() });
          await pause(ms);
          return name;
        });
      }
      return { done: true };
    },
  );
  const once = client.createFunction(
    { id: "once", idempotency: "event.data.key", triggers: [{ event: "durable/once" }] },
    async ({ event, step, runId }) => {
      await step.run("note", () => hits.push({ fn: "once", runId, step: "note", at: Date.now(), data: event.data.key }));
      return { key: event.data.key as string };
    },
  );
  const nap = client.createFunction({ id: "nap", triggers: [{ event: "durable/nap" }] }, async ({ event, step, runId }) => {
    const before = await step.run("before", () => {
      hits.push({ fn: "nap", runId, step: "before", at: Date.now() });
      return Date.now();
    });
    await step.sleep("nap", (event.data as { sleep?: string }).sleep ?? "2s");
    const after = await step.run("after", () => Date.now());
    return { before, after };
  });
  app = await serveAndSync(ex, client, [chain, once, nap]);
});

afterAll(async () => {
  await app?.stop();
  await ex?.stop();
  await db?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await db?.end();
});

/** Stops the executor (dropping its requests in flight), runs `between`, starts another on the same port and database. */
async function restart(between: () => Promise<void> = async () => {}): Promise<void> {
  const port = ex.port;
  await ex.stop();
  await between();
  ex = await startExecutorForTest({ databaseUrl, schema, port });
  await ex.sync(app.serveUrl);
}

async function post(events: unknown): Promise<number> {
  const res = await fetch(`${ex.url}/e/key`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(events) });
  await res.text();
  return res.status;
}

type Row = { id: string; status: string; event_id: string; steps: Record<string, unknown>; output: unknown; waits: { until?: number }[] | null };
async function storedRuns(fn: string): Promise<Row[]> {
  const { rows } = await db.query<Row>(
    `SELECT id, status, state->'event'->>'id' AS event_id, state->'steps' AS steps, state->'output' AS output, state->'waits' AS waits
     FROM "${schema}".runs WHERE function_id = $1`,
    [`durable-${fn}`],
  );
  return rows;
}

async function until<T>(check: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out");
    await pause(50);
  }
}

describe("durable mode", () => {
  it("finishes every acknowledged run after a restart mid-run, once, without running stored steps again", async () => {
    const ids = Array.from({ length: 24 }, (_, i) => `chain-${i}`);
    expect(await post(ids.map((id) => ({ id, name: "durable/chain", data: {} })))).toBe(200);
    // Acknowledged means stored: every event already has its run in the database.
    expect((await storedRuns("chain")).map((r) => r.event_id).sort()).toEqual([...ids].sort());

    // Stop once a few runs are done and another is between steps (its step "a" stored, "b" running).
    await ex.executor.waitFor(() => {
      const done = new Set(hits.filter((h) => h.fn === "chain" && h.step === "c").map((h) => h.runId));
      return done.size >= 3 && hits.some((h) => h.fn === "chain" && h.step === "b" && !done.has(h.runId));
    });
    let stoppedAt = 0;
    let atStop: Row[] = [];
    await restart(async () => {
      stoppedAt = Date.now();
      atStop = await storedRuns("chain");
    });
    const unfinished = atStop.filter((r) => r.status !== "completed");
    expect(unfinished.length).toBeGreaterThan(10);
    expect(unfinished.some((r) => stepHash("a") in r.steps)).toBe(true);

    const finished = await until(async () => {
      const rows = await storedRuns("chain");
      return rows.every((r) => r.status === "completed") && rows;
    });
    expect(finished.map((r) => r.event_id).sort()).toEqual([...ids].sort());
    expect(finished.every((r) => (r.output as { done: boolean }).done)).toBe(true);
    for (const run of atStop) {
      for (const step of ["a", "b", "c"]) {
        const again = hits.filter((h) => h.fn === "chain" && h.runId === run.id && h.step === step && h.at >= stoppedAt);
        if (stepHash(step) in run.steps) expect(again).toEqual([]);
        // Every step ran, at least once (a step running when the executor stopped runs again: it was not stored).
        expect(hits.some((h) => h.fn === "chain" && h.runId === run.id && h.step === step)).toBe(true);
      }
    }
    expect(ex.executor.listRuns({ functionId: "chain", limit: 100 }).filter((r) => r.status === "completed")).toHaveLength(24);
  });

  it("keeps event-id dedup and idempotency keys across a restart", async () => {
    expect(await post([{ id: "once-1", name: "durable/once", data: { key: "k1" } }, { id: "once-2", name: "durable/once", data: { key: "k1" } }])).toBe(200);
    await until(async () => (await storedRuns("once")).some((r) => r.status === "completed"));
    await restart();
    // The same event id again, and a new event with a key already used: neither runs. A new key does.
    expect(await post({ id: "once-1", name: "durable/once", data: { key: "k-other" } })).toBe(200);
    expect(await post({ id: "once-3", name: "durable/once", data: { key: "k1" } })).toBe(200);
    expect(await post({ id: "once-4", name: "durable/once", data: { key: "k2" } })).toBe(200);
    await until(async () => (await storedRuns("once")).some((r) => r.event_id === "once-4" && r.status === "completed"));
    await pause(200);
    expect((await storedRuns("once")).map((r) => r.event_id).sort()).toEqual(["once-1", "once-4"]);
    expect(hits.filter((h) => h.fn === "once").map((h) => h.data)).toEqual(["k1", "k2"]);
  });

  // Asserted by order, not by how long the restart took: the executor stays stopped until the sleep's deadline
  // has passed, so a run that kept its deadline wakes as soon as the new executor is up, ahead of a run that
  // starts a 1 s sleep then; one that began its 2 s sleep again on restart would wake after it.
  it("keeps a sleeping run's deadline across a restart", async () => {
    expect(await post({ id: "nap-1", name: "durable/nap", data: {} })).toBe(200);
    const [sleeping] = await until(async () => {
      const rows = await storedRuns("nap");
      return rows.some((r) => r.status === "sleeping") && rows;
    });
    const deadline = Number(sleeping!.waits?.[0]?.until);
    expect(deadline - (hits.find((h) => h.fn === "nap")?.at ?? 0)).toBeGreaterThanOrEqual(2_000);
    await restart(async () => {
      while (Date.now() <= deadline) await pause(50);
    });
    expect(await post({ id: "nap-2", name: "durable/nap", data: { sleep: "1s" } })).toBe(200);
    const rows = await until(async () => {
      const found = await storedRuns("nap");
      return found.length === 2 && found.every((r) => r.status === "completed") && found;
    });
    const after = (eventId: string) => (rows.find((r) => r.event_id === eventId)!.output as { after: number }).after;
    expect(after("nap-1")).toBeGreaterThanOrEqual(deadline);
    expect(after("nap-1")).toBeLessThan(after("nap-2"));
    // Each run's first step ran once: the restart resumed the sleeping run instead of starting it over.
    expect(hits.filter((h) => h.fn === "nap").map((h) => h.runId).sort()).toEqual(rows.map((r) => r.id).sort());
  });
});
