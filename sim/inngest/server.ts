import { randomUUID } from "node:crypto";
import http from "node:http";
import { z } from "zod";
import type { Executor } from "./executor";
import type { InngestEvent } from "./runs";
import { statusPage } from "./status-page";

// The executor's HTTP face: the event API and function registration the SDK talks to (the same paths as
// Inngest's Dev Server), a JSON API over runs, and the status page.

const MAX_BODY = 3 * 1024 * 1024;

const eventSchema = z.object({
  id: z.string().min(1).max(256).optional(),
  name: z.string().min(1).max(256),
  data: z.record(z.string(), z.unknown()).nullish(),
  user: z.unknown().optional(),
  ts: z.number().optional(),
  v: z.string().optional(),
});

const checkpointSchema = z.object({
  qi_id: z.string().optional(),
  steps: z.array(z.looseObject({ id: z.string(), op: z.string(), data: z.unknown().optional() })),
});

export function createServer(executor: Executor, options: { onSync: (url: string) => Promise<string> }): http.Server {
  return http.createServer((req, res) => {
    void handle(executor, options, req, res).catch((error: unknown) => {
      send(res, 500, { error: `executor error: ${(error as Error).message}`, status: 500 });
    });
  });
}

async function handle(
  executor: Executor,
  options: { onSync: (url: string) => Promise<string> },
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? "/", "http://executor");
  const path = url.pathname;

  if (req.method === "POST" && /^\/e\/[^/]+$/.test(path)) {
    const body = await readJson(req);
    if (!body.ok) return send(res, body.status, { error: body.error, status: body.status });
    const list = Array.isArray(body.value) ? body.value : [body.value];
    const parsed = z.array(eventSchema).max(5_000).safeParse(list);
    if (!parsed.success) return send(res, 400, { error: `invalid event: ${parsed.error.issues[0]?.message}`, status: 400 });
    const now = Date.now();
    const events: InngestEvent[] = parsed.data.map((e) => ({
      id: e.id ?? randomUUID(),
      name: e.name,
      data: e.data ?? {},
      ts: e.ts ?? now,
      ...(e.user === undefined ? {} : { user: e.user }),
      ...(e.v === undefined ? {} : { v: e.v }),
    }));
    let ids: string[];
    try {
      ids = await executor.accept(events);
    } catch (error) {
      // Not stored, so not acknowledged: the SDK's send fails and the sender can try again.
      return send(res, 503, { error: (error as Error).message, status: 503 });
    }
    return send(res, 200, { ids, status: 200 });
  }

  if (req.method === "POST" && path === "/fn/register") {
    const body = await readJson(req);
    if (!body.ok) return send(res, body.status, { status: body.status, error: body.error });
    try {
      await executor.register(body.value);
      return send(res, 200, { status: 200, ok: true, modified: true });
    } catch (error) {
      const message = error instanceof z.ZodError ? error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") : (error as Error).message;
      return send(res, 400, { status: 400, error: `registration refused: ${message}` });
    }
  }

  const checkpointMatch = /^\/v1\/checkpoint\/([^/]+)\/async$/.exec(path);
  if (req.method === "POST" && checkpointMatch) {
    const body = await readJson(req);
    const parsed = body.ok ? checkpointSchema.safeParse(body.value) : null;
    if (!parsed?.success) return send(res, 400, { error: "invalid checkpoint" });
    const accepted = await executor.checkpoint(decodeURIComponent(checkpointMatch[1] ?? ""), parsed.data.qi_id, parsed.data.steps);
    return accepted ? send(res, 200, { ok: true }) : send(res, 409, { error: "stale: the run was cancelled or this request was superseded" });
  }

  if (req.method === "POST" && path === "/v1/apps/sync") {
    const body = await readJson(req);
    const target = body.ok ? z.object({ url: z.url() }).safeParse(body.value) : null;
    if (!target?.success) return send(res, 400, { error: 'send {"url": "<the app\'s serve URL>"}' });
    return send(res, 200, { result: await options.onSync(target.data.url) });
  }

  if (req.method === "GET" && path === "/v1/runs") {
    const limit = Math.min(Number(url.searchParams.get("limit") ?? 100) || 100, 1_000);
    const runs = executor.listRuns({
      functionId: url.searchParams.get("function") ?? undefined,
      status: url.searchParams.get("status") ?? undefined,
      limit,
    });
    return send(res, 200, { runs });
  }

  const runMatch = /^\/v1\/runs\/([^/]+)$/.exec(path);
  if (req.method === "GET" && runMatch) {
    const run = executor.getRun(runMatch[1] ?? "");
    return run ? send(res, 200, run) : send(res, 404, { error: "no such run" });
  }
  const cancelMatch = /^\/v1\/runs\/([^/]+)\/cancel$/.exec(path);
  if (req.method === "POST" && cancelMatch) {
    const run = executor.findRun(cancelMatch[1] ?? "");
    if (!run) return send(res, 404, { error: "no such run" });
    executor.cancel(run);
    return send(res, 200, executor.getRun(run.id));
  }

  if (req.method === "GET" && path === "/v1/functions") {
    return send(res, 200, { functions: [...executor.functions.values()] });
  }

  if (req.method === "POST" && path === "/v1/cron/tick") {
    const body = await readJson(req);
    const at = body.ok ? z.object({ at: z.iso.datetime() }).safeParse(body.value) : null;
    if (!at?.success) return send(res, 400, { error: 'send {"at": "<ISO time>"}' });
    return send(res, 200, { fired: executor.tick(Date.parse(at.data.at)) });
  }

  if (req.method === "GET" && path === "/health") return send(res, 200, { ok: true, ...executor.backlog });

  if (req.method === "GET" && (path === "/" || path === "/runs")) {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(
      statusPage({
        runs: executor.listRuns({ limit: 200 }),
        apps: [...executor.apps.values()],
        functions: executor.functions.size,
        backlog: executor.backlog,
      }),
    );
    return;
  }

  send(res, 404, { error: `no route for ${req.method} ${path}` });
}

type JsonBody = { ok: true; value: unknown } | { ok: false; status: number; error: string };

async function readJson(req: http.IncomingMessage): Promise<JsonBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return { ok: false, status: 413, error: "body too large" };
    chunks.push(chunk as Buffer);
  }
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown };
  } catch {
    return { ok: false, status: 400, error: "body is not JSON" };
  }
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}
