import http from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "inngest/next";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConformance, type Conformance } from "@/sim/inngest/conformance/functions";
import type { RunningExecutor, RunView } from "@/sim/inngest/index";
import { devClient, startExecutorForTest } from "@/sim/inngest/test-helpers";
import { guardInngestRoute } from "./guard-inngest-route";

// The guard must not get in the protocol's way: the conformance functions, served by the SDK's Next handler
// behind the guard (as /api/inngest is), synced and driven by the local executor, run as they do unguarded:
// steps in parallel, retries on a thrown error, a non-retriable failure, a sleep, a function invoking another.

let ex: RunningExecutor;
let conformance: Conformance;
let client: ReturnType<typeof devClient>;
let server: http.Server;
let seq = 0;

beforeAll(async () => {
  ex = await startExecutorForTest();
  client = devClient("guarded", ex.url);
  conformance = createConformance(client);
  const route = guardInngestRoute(serve({ client, functions: conformance.all }), conformance.all.map((fn) => fn.id(client.id)));
  // A Node server that hands each request to the route as Next does: a fetch Request in, a Response out.
  server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const method = (req.method ?? "GET") as "GET" | "POST" | "PUT";
    const headers = new Headers(Object.entries(req.headers).flatMap(([k, v]) => (typeof v === "string" ? [[k, v] as [string, string]] : [])));
    const request = new NextRequest(`http://${req.headers.host}${req.url}`, { method, headers, body: method === "GET" ? undefined : Buffer.concat(chunks) });
    const response = await route[method](request, { params: Promise.resolve({}) });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  await ex.sync(`http://localhost:${(server.address() as AddressInfo).port}/api/inngest`);
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await ex?.stop();
});

const runs = (fn: string) => ex.executor.listRuns({ functionId: fn, limit: 100 });
const done = (r: RunView) => r.status === "completed" || r.status === "failed" || r.status === "cancelled";

async function run(fn: string, name: string, data: Record<string, unknown>): Promise<RunView> {
  const id = `${name}-${Date.now()}-${seq++}`;
  await client.send({ id, name, data });
  return ex.executor.waitFor(() => runs(fn).find((r) => r.eventIds.includes(id) && done(r)), 15_000);
}

describe("the Inngest protocol behind guardInngestRoute", () => {
  it("runs steps, in parallel, to the function's output", async () => {
    expect(await run("steps", "conformance/steps", { n: 5 })).toMatchObject({ status: "completed", output: { doubled: 10, a: 11, b: 12, sum: 23 } });
  });

  it("retries a step that throws, then completes", async () => {
    expect((await run("retry-then-success", "conformance/retry", {})).status).toBe("completed");
  });

  it("fails for good on a non-retriable error", async () => {
    expect((await run("no-retry-failure", "conformance/no-retry", {})).status).toBe("failed");
  });

  it("invokes another function and takes its result", async () => {
    expect((await run("invoke-parent", "conformance/invoke", {})).status).toBe("completed");
  });

  it("sleeps, then carries on", async () => {
    expect((await run("sleep", "conformance/sleep", { ms: 50 })).status).toBe("completed");
  });
});
