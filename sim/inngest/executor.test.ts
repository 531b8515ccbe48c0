import { NonRetriableError } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningExecutor } from "./index";
import { devClient, serveAndSync, startExecutorForTest, type ServedApp } from "./test-helpers";

// What the executor does beyond the conformance suite: its event API, registration, the run API and status
// page, cron timing, and what happens when the app cannot be reached.

let ex: RunningExecutor;
let app: ServedApp;
const calls: string[] = [];
const failures: string[] = [];

beforeAll(async () => {
  ex = await startExecutorForTest();
  const client = devClient("exec-test", ex.url);
  const echo = client.createFunction({ id: "echo", triggers: [{ event: "test/echo" }] }, async ({ event, step }) => {
    const value = await step.run("remember", () => {
      calls.push(String(event.data.value));
      return event.data.value as string;
    });
    return { value };
  });
  const onlyBig = client.createFunction(
    { id: "only-big", triggers: [{ event: "test/amount", if: "event.data.cents >= 10000" }] },
    async ({ event }) => ({ big: event.data.cents as number }),
  );
  const nightly = client.createFunction({ id: "nightly", triggers: [{ cron: "TZ=Europe/Paris 30 2 * * *" }] }, async ({ event }) => ({
    at: event.ts,
  }));
  const refuses = client.createFunction({ id: "refuses", triggers: [{ event: "test/refuse" }], retries: 2 }, async () => {
    throw new NonRetriableError("this customer is <archived> in QuickBooks");
  });
  const debounced = client.createFunction(
    { id: "debounced", debounce: { period: "1s", key: "event.data.k" }, triggers: [{ event: "test/debounce" }] },
    async ({ event }) => ({ last: event.data.v as number }),
  );
  const limited = client.createFunction(
    { id: "limited", rateLimit: { limit: 1, period: "10s" }, triggers: [{ event: "test/limited" }] },
    async ({ event }) => ({ n: event.data.n as number }),
  );
  const guarded = client.createFunction(
    {
      id: "guarded",
      triggers: [{ event: "test/guarded" }],
      onFailure: async ({ error, step }) => {
        await step.run("note", () => failures.push(error.message));
      },
    },
    async () => {
      throw new NonRetriableError("posting refused by QuickBooks");
    },
  );
  app = await serveAndSync(ex, client, [echo, onlyBig, nightly, refuses, debounced, limited, guarded]);
});

afterAll(async () => {
  await app?.stop();
  await ex?.stop();
});

async function post(path: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${ex.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

const runsOf = (fn: string) => ex.executor.listRuns({ functionId: fn, limit: 1000 });

describe("the event API", () => {
  it("runs an event once however often the same event id is sent", async () => {
    const first = await post("/e/any-key", { id: "evt-dup-1", name: "test/echo", data: { value: "dup" } });
    const again = await post("/e/any-key", [{ id: "evt-dup-1", name: "test/echo", data: { value: "dup" } }]);
    expect(first).toEqual({ status: 200, json: { ids: ["evt-dup-1"], status: 200 } });
    expect(again.json.ids).toEqual(["evt-dup-1"]);
    await ex.executor.waitFor(() => runsOf("echo").find((r) => r.eventIds.includes("evt-dup-1") && r.status === "completed"));
    expect(runsOf("echo").filter((r) => r.eventIds.includes("evt-dup-1"))).toHaveLength(1);
    expect(calls.filter((c) => c === "dup")).toHaveLength(1);
  });

  it("refuses a body that is not an event with a 400 and a reason", async () => {
    const res = await fetch(`${ex.url}/e/key`, { method: "POST", body: "{not json" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe("body is not JSON");
    const noName = await post("/e/key", { data: {} });
    expect(noName.status).toBe(400);
    expect(String(noName.json.error)).toMatch(/^invalid event/);
  });

  it("starts a function only when its trigger's condition holds", async () => {
    await post("/e/k", [
      { id: "amt-small", name: "test/amount", data: { cents: 9999 } },
      { id: "amt-big", name: "test/amount", data: { cents: 25000 } },
    ]);
    const run = await ex.executor.waitFor(() => runsOf("only-big").find((r) => r.status === "completed"));
    expect(run.output).toEqual({ big: 25000 });
    expect(runsOf("only-big").map((r) => r.eventIds[0])).toEqual(["amt-big"]);
  });
});

describe("registration", () => {
  it("lists the synced app's functions with their triggers", async () => {
    const res = await fetch(`${ex.url}/v1/functions`);
    const { functions } = (await res.json()) as { functions: { id: string; crons: string[]; maxAttempts: number }[] };
    expect(functions.map((f) => f.id).sort()).toEqual([
      "exec-test-debounced",
      "exec-test-echo",
      "exec-test-guarded",
      "exec-test-guarded-failure",
      "exec-test-limited",
      "exec-test-nightly",
      "exec-test-only-big",
      "exec-test-refuses",
    ]);
    expect(functions.find((f) => f.id === "exec-test-nightly")?.crons).toEqual(["TZ=Europe/Paris 30 2 * * *"]);
    expect(functions.find((f) => f.id === "exec-test-refuses")?.maxAttempts).toBe(3);
  });

  it("refuses a function whose key expression is not valid CEL, saying which", async () => {
    const res = await post("/fn/register", {
      url: "http://localhost:1/api/inngest",
      appName: "broken-app",
      functions: [
        {
          id: "broken-app-f",
          triggers: [{ event: "x/y" }],
          steps: { step: { runtime: { url: "http://localhost:1/api/inngest?fnId=broken-app-f&stepId=step" } } },
          concurrency: { limit: 1, key: "event.data.(" },
        },
      ],
    });
    expect(res.status).toBe(400);
    expect(String(res.json.error)).toMatch(/^registration refused: functions\.0\.concurrency.*invalid expression "event\.data\.\("/);
    expect(ex.executor.functions.has("broken-app-f")).toBe(false);
  });
});

describe("cron triggers", () => {
  it("fires once per scheduled time, in the schedule's time zone, never twice, and only the latest after a gap", async () => {
    // 02:30 in Paris on 15 January is 01:30 UTC. The first tick jumps years ahead: only the latest missed time fires.
    expect(ex.executor.tick(Date.parse("2035-01-15T01:29:00Z"))).toBe(1);
    expect(ex.executor.tick(Date.parse("2035-01-15T01:31:00Z"))).toBe(1);
    expect(ex.executor.tick(Date.parse("2035-01-15T01:31:00Z"))).toBe(0);
    expect(ex.executor.tick(Date.parse("2035-01-15T23:59:00Z"))).toBe(0);
    await ex.executor.waitFor(() => runsOf("nightly").filter((r) => r.status === "completed").length === 2);
    expect(runsOf("nightly").map((r) => r.output)).toEqual([
      { at: Date.parse("2035-01-15T01:30:00Z") },
      { at: Date.parse("2035-01-14T01:30:00Z") },
    ]);
  });
});

describe("failures", () => {
  it("fails a run for good on a non-retriable error, after one attempt, with the function's message", async () => {
    await post("/e/k", { id: "refuse-1", name: "test/refuse", data: {} });
    const run = await ex.executor.waitFor(() => runsOf("refuses").find((r) => r.status === "failed"));
    expect(run.requests).toBe(1);
    expect(run.lastError).toContain("this customer is <archived> in QuickBooks");
  });

  it("retries an app it cannot reach with backoff, then fails the run saying why", async () => {
    const register = await post("/fn/register", {
      url: "http://localhost:9/api/inngest",
      appName: "gone-app",
      functions: [
        {
          id: "gone-app-f",
          triggers: [{ event: "test/gone" }],
          steps: { step: { runtime: { url: "http://localhost:9/api/inngest?fnId=gone-app-f&stepId=step" }, retries: { attempts: 2 } } },
        },
      ],
    });
    expect(register.status).toBe(200);
    await post("/e/k", { id: "gone-1", name: "test/gone", data: {} });
    const run = await ex.executor.waitFor(() => runsOf("gone-app-f").find((r) => r.status === "failed"));
    expect(run.requests).toBe(3);
    expect(run.retries).toBe(2);
    expect(run.lastError).toMatch(/^could not reach http:\/\/localhost:9/);
  });
});

describe("debounce, rate limit and failure handlers", () => {
  it("debounces a burst into one run with the last event, per key", async () => {
    await post("/e/k", [1, 2, 3].map((v) => ({ id: `deb-a-${v}`, name: "test/debounce", data: { k: "a", v } })));
    await post("/e/k", { id: "deb-b-1", name: "test/debounce", data: { k: "b", v: 10 } });
    await ex.executor.waitFor(() => runsOf("debounced").filter((r) => r.status === "completed").length === 2);
    expect(runsOf("debounced").map((r) => r.output).sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)))).toEqual([
      { last: 10 },
      { last: 3 },
    ]);
  });

  it("skips runs over the rate limit", async () => {
    await post("/e/k", [1, 2, 3].map((n) => ({ id: `lim-${n}`, name: "test/limited", data: { n } })));
    await ex.executor.waitFor(() => runsOf("limited").find((r) => r.status === "completed"));
    expect(runsOf("limited").map((r) => r.output)).toEqual([{ n: 1 }]);
  });

  it("runs the onFailure handler with the error once a run fails", async () => {
    await post("/e/k", { id: "guard-1", name: "test/guarded", data: {} });
    await ex.executor.waitFor(() => failures.length === 1);
    expect(failures).toEqual(["posting refused by QuickBooks"]);
    expect(runsOf("guarded").find((r) => r.functionId === "exec-test-guarded")?.status).toBe("failed");
  });
});

describe("the run API and status page", () => {
  it("shows each run's function, status, attempts, last error and duration", async () => {
    await post("/e/k", { id: "page-1", name: "test/echo", data: { value: "<script>alert(1)</script>" } });
    const run = await ex.executor.waitFor(() => runsOf("echo").find((r) => r.eventIds.includes("page-1") && r.status === "completed"));
    const detail = (await (await fetch(`${ex.url}/v1/runs/${run.id}`)).json()) as { status: string; stepResults: Record<string, unknown> };
    expect(detail.status).toBe("completed");
    expect(Object.values(detail.stepResults)).toEqual([{ type: "data", data: "<script>alert(1)</script>" }]);

    const failed = (await (await fetch(`${ex.url}/v1/runs?status=failed`)).json()) as { runs: { status: string }[] };
    expect(failed.runs.length).toBeGreaterThan(0);
    expect(failed.runs.every((r) => r.status === "failed")).toBe(true);

    const html = await (await fetch(`${ex.url}/`)).text();
    expect(html).toContain("development stand-in");
    expect(html).toContain("this customer is &lt;archived&gt; in QuickBooks");
    expect(html).not.toContain("<archived>");
    expect(html).toMatch(/<td>echo<\/td><td class="completed">completed<\/td>/);
    expect((await fetch(`${ex.url}/v1/runs/no-such-run`)).status).toBe(404);
  });
});
