import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { RunningExecutor } from "@/sim/inngest";
import { serveAndSync, startExecutorForTest, type ServedApp } from "@/sim/inngest/test-helpers";
import { fixture, stripeEvent } from "@/lib/sources/stripe/test-kit";
import { createTestSource, deliver, stripeRequest, stripeSignature } from "@/test/webhooks";
import { until } from "@/test/until";
import { db } from "../db";
import { entitiesFor, syncWorkspace } from "./test-kit";

// The whole chain with the real local executor running the app's own functions through the SDK's serve
// handler: signed Stripe webhook -> stored -> normalise-inbound-event -> plan-canonical-event -> drain-postings
// -> a SalesReceipt in the simulator, cross-referenced, once, however often the webhook and the events repeat.
// The outbox is dispatched for this file's workspaces only (other files share the database and their rows).

const ports = vi.hoisted(() => ({ executor: 20_000 + Math.floor(Math.random() * 20_000), stripe: 40_000 + Math.floor(Math.random() * 20_000) }));
vi.hoisted(() => {
  process.env.STRIPE_API_BASE = `http://127.0.0.1:${ports.stripe}`;
});
vi.mock("@/inngest/client", async () => {
  const { Inngest } = await import("inngest");
  const noop = () => {};
  return { inngest: new Inngest({ id: "ledgerwire", isDev: true, baseUrl: `http://127.0.0.1:${ports.executor}`, logger: { info: noop, warn: noop, error: noop, debug: noop } }) };
});
const mine = vi.hoisted(() => new Set<string>());
vi.mock("@/lib/jobs/dispatch", async (original) => {
  const real = await original<Record<string, unknown>>();
  const { db: database } = await import("@/lib/db");
  const { inngest } = await import("@/inngest/client");
  // The app's kick, limited to this file's workspaces.
  async function dispatchMine() {
    const rows = await database.outboxMessage.findMany({ where: { sentAt: null, workspaceId: { in: [...mine] } } });
    if (rows.length === 0) return;
    await inngest.send(rows.map((r) => ({ id: r.id, name: r.eventName, data: r.payload as Record<string, unknown>, ts: r.createdAt.getTime() })));
    await database.outboxMessage.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { sentAt: new Date() } });
  }
  return { ...real, kickDispatcher: () => void dispatchMine().catch(() => undefined), dispatchMine };
});

let executor: RunningExecutor;
let served: ServedApp;
let stripeApi: Server;

beforeAll(async () => {
  stripeApi = createServer((req, res) => {
    const id = new URL(req.url ?? "/", "http://x").pathname.split("/").pop() ?? "";
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ...fixture("balance_transaction"), id, amount: 2500, fee: 103, net: 2397, currency: "usd" }));
  });
  await new Promise<void>((resolve) => stripeApi.listen(ports.stripe, "127.0.0.1", resolve));
  executor = await startExecutorForTest({ port: ports.executor });
  const { inngest } = await import("@/inngest/client");
  const { normaliseInboundEventFn } = await import("@/inngest/functions/normalise-inbound-event");
  const { planCanonicalEventFn } = await import("@/inngest/functions/plan-canonical-event");
  const { drainPostingsFn } = await import("@/inngest/functions/drain-postings");
  const { resumeConnectionFn } = await import("@/inngest/functions/resume-connection");
  served = await serveAndSync(executor, inngest, [normaliseInboundEventFn, planCanonicalEventFn, drainPostingsFn, resumeConnectionFn]);
});
afterAll(async () => {
  await served?.stop();
  await executor?.stop();
  await new Promise<void>((resolve) => stripeApi?.close(() => resolve()));
});

describe("webhook to QuickBooks through the local executor", () => {
  it("posts a Stripe charge once, though the webhook arrives three times and its events are replayed", async () => {
    const ws = await syncWorkspace([]);
    mine.add(ws.workspace.id);
    const source = await createTestSource(ws.workspace.id, "STRIPE", { apiKey: "rk_test_pipeline" });
    const charge = { ...fixture("charge"), id: `ch_${randomUUID().slice(0, 10)}`, amount: 2500, amount_captured: 2500, captured: true, currency: "usd", balance_transaction: "txn_pipeline", invoice: null };
    const body = JSON.stringify({ ...stripeEvent("charge.succeeded", charge), id: `evt_${randomUUID().replace(/-/g, "")}` });
    const signature = stripeSignature(body, source.webhookSecret);
    const answers = await Promise.all([1, 2, 3].map(() => deliver.stripe(stripeRequest(source.connection.id, body, signature), source.connection.id)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    const { dispatchMine } = (await import("@/lib/jobs/dispatch")) as unknown as { dispatchMine: () => Promise<void> };
    await dispatchMine();

    const key = `stripe:sale:${charge.id}`;
    const posted = await until(async () => {
      const rows = await db.posting.findMany({ where: { workspaceId: ws.workspace.id }, include: { crossReference: true } });
      return rows.length === 2 && rows.every((p) => p.status === "POSTED") ? rows : null;
    });
    expect(posted.map((p) => p.target).sort()).toEqual(["JournalEntry:fee", "SalesReceipt"]);
    expect(await entitiesFor(ws.realmId, "SalesReceipt", key)).toHaveLength(1);
    expect(await entitiesFor(ws.realmId, "JournalEntry", key)).toHaveLength(1);

    // A replayed sync/event.ready and another kick change nothing.
    const { inngest } = await import("@/inngest/client");
    const event = await db.canonicalEvent.findFirstOrThrow({ where: { workspaceId: ws.workspace.id } });
    await inngest.send([
      { id: `replay-${randomUUID()}`, name: "sync/event.ready", data: { workspaceId: ws.workspace.id, canonicalEventId: event.id } },
      { id: `kick-${randomUUID()}`, name: "sync/postings.ready", data: { workspaceId: ws.workspace.id, qboConnectionId: ws.connection.id } },
    ]);
    await until(() => Promise.resolve(executor.executor.listRuns({ functionId: "ledgerwire-drain-postings", limit: 1000 }).filter((r) => r.status === "running" || r.status === "queued").length === 0));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await entitiesFor(ws.realmId, "SalesReceipt", key)).toHaveLength(1);
    expect(await db.qboCrossReference.count({ where: { workspaceId: ws.workspace.id } })).toBe(2);
    expect(await db.canonicalEvent.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({ status: "POSTED" });
  });

  it("sends what waited while the company needed reconnecting as soon as it is reconnected, not when the sweep notices", async () => {
    const ws = await syncWorkspace([]);
    mine.add(ws.workspace.id);
    await db.qboConnection.update({ where: { id: ws.connection.id }, data: { status: "NEEDS_RECONNECT" } });
    const source = await createTestSource(ws.workspace.id, "STRIPE", { apiKey: "rk_test_pipeline" });
    const charge = { ...fixture("charge"), id: `ch_${randomUUID().slice(0, 10)}`, amount: 2500, amount_captured: 2500, captured: true, currency: "usd", balance_transaction: "txn_pipeline", invoice: null };
    const body = JSON.stringify({ ...stripeEvent("charge.succeeded", charge), id: `evt_${randomUUID().replace(/-/g, "")}` });
    expect((await deliver.stripe(stripeRequest(source.connection.id, body, stripeSignature(body, source.webhookSecret)), source.connection.id)).status).toBe(200);
    const { dispatchMine } = (await import("@/lib/jobs/dispatch")) as unknown as { dispatchMine: () => Promise<void> };
    await dispatchMine();
    // Planned, and the drainer came and left them waiting: nothing reaches a company whose token is gone.
    await until(async () => (await db.posting.count({ where: { workspaceId: ws.workspace.id, status: "PENDING" } })) === 2);
    await until(() => Promise.resolve(executor.executor.listRuns({ functionId: "ledgerwire-drain-postings", limit: 1000 }).filter((r) => r.status === "running" || r.status === "queued").length === 0));
    const key = `stripe:sale:${charge.id}`;
    expect(await entitiesFor(ws.realmId, "SalesReceipt", key)).toHaveLength(0);

    // Reconnected (lib/qbo/complete-connect.ts writes the same event with the new status).
    const { enqueueEvent, outboxEventId } = await import("@/lib/jobs/outbox");
    await db.$transaction(async (tx) => {
      await tx.qboConnection.update({ where: { id: ws.connection.id }, data: { status: "CONNECTED" } });
      await enqueueEvent(tx, { id: outboxEventId("qbo/connection.connected", ws.connection.id, String(Date.now())), name: "qbo/connection.connected", workspaceId: ws.workspace.id, data: { workspaceId: ws.workspace.id, connectionId: ws.connection.id, realmId: ws.realmId } });
    });
    await dispatchMine();
    // The resume function's kick is an outbox row of its own; the app's dispatcher sends it (here, this file's).
    await until(async () => {
      await dispatchMine();
      return (await db.posting.count({ where: { workspaceId: ws.workspace.id, status: "POSTED" } })) === 2;
    });
    expect(await entitiesFor(ws.realmId, "SalesReceipt", key)).toHaveLength(1);
  });
});
