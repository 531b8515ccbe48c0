import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Inngest } from "inngest";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { eventTypes } from "@/inngest/events";
import { freePort } from "@/scripts/lib/free-port";
import type { RunningExecutor } from "@/sim/inngest";
import { devClient, serveAndSync, startExecutorForTest, type ServedApp } from "@/sim/inngest/test-helpers";
import { db } from "../db";
import { hmacSha256Base64 } from "../crypto";
import { normaliseInboundEvent } from "../ingest/normalise-inbound-event";
import { orderWith } from "../sources/shopify/test-payloads";
import { createWorkspaceWith } from "@/test/fixtures";
import { createTestSource, deliver, shopifyRequest } from "@/test/webhooks";
import { dispatcherIdle, dispatchOutbox, kickDispatcher, type SendEvents } from "./dispatch";
import { enqueueEvent, outboxEventId } from "./outbox";

// Inngest here is a small HTTP server speaking its event API (POST /e/:key -> { ids, status }), reached through
// a real SDK client, so the dispatcher is tested through the same request the SDK makes in production.
// Other test files share this database: their pending rows may ride along in a batch, so every assertion
// looks only at this test's own ids.

type ReceivedEvent = { id: string; name: string; data: Record<string, unknown>; ts: number };

type FakeInngest = {
  url: string;
  /** Every accepted request, as the list of events it carried. */
  requests: ReceivedEvent[][];
  mode: "up" | "unavailable";
  /** Holds answers to accepted requests until the returned function is called. */
  hold(): () => void;
  close(): Promise<void>;
};

async function startFakeInngest(): Promise<FakeInngest> {
  let gate: Promise<void> | null = null;
  const fake: FakeInngest = {
    url: "",
    requests: [],
    mode: "up",
    hold() {
      let release!: () => void;
      gate = new Promise<void>((resolve) => (release = resolve));
      return () => {
        gate = null;
        release();
      };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.method !== "POST" || !/^\/e\/[^/]+$/.test(req.url ?? "")) return void res.writeHead(404).end();
    if (fake.mode === "unavailable") return void res.writeHead(503, { "content-type": "text/html" }).end("<html>proxy page with internal-detail-xyz</html>");
    const events = JSON.parse(Buffer.concat(chunks).toString("utf8")) as ReceivedEvent[];
    fake.requests.push(events);
    if (gate) await gate;
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ids: events.map(() => randomUUID()), status: 200 }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

function clientFor(url: string): Inngest {
  return new Inngest({ id: "ledgerwire", isDev: true, baseUrl: url });
}

function sendVia(client: Inngest): SendEvents {
  return (events) => client.send(events);
}

// kickDispatcher sends with the app's client; here that client talks to the fake.
const app = vi.hoisted(() => ({ client: undefined as Inngest | undefined }));
vi.mock("@/inngest/client", () => ({
  get inngest() {
    return app.client;
  },
}));

let inngest: FakeInngest;
let send: SendEvents;

beforeAll(async () => {
  inngest = await startFakeInngest();
  app.client = clientFor(inngest.url);
  send = sendVia(app.client);
});
afterAll(() => inngest.close());
beforeEach(() => {
  inngest.mode = "up";
});

async function enqueue(label: string, count = 1): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => outboxEventId("qbo/connection.connected", `dispatch-test-${label}-${i}`, randomUUID()));
  await db.$transaction(async (tx) => {
    for (const id of ids) await enqueueEvent(tx, { id, name: "qbo/connection.connected", data: { workspaceId: "ws_dispatch", connectionId: id, realmId: "1" } });
  });
  return ids;
}

/** How many times each of `ids` reached Inngest. */
function deliveries(ids: string[]): Record<string, number> {
  const mine = new Set(ids);
  const counts: Record<string, number> = Object.fromEntries(ids.map((id) => [id, 0]));
  for (const event of inngest.requests.flat()) if (mine.has(event.id)) counts[event.id]! += 1;
  return counts;
}

const once = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, 1]));

/** Lets time pass for these rows only: their retry delay is over. */
async function makeDue(ids: string[]) {
  await db.outboxMessage.updateMany({ where: { id: { in: ids } }, data: { availableAt: new Date(Date.now() - 1000) } });
}

describe("dispatchOutbox", () => {
  it("sends a committed row once, with its id as the Inngest event id, and marks it sent", async () => {
    const [id] = (await enqueue("once")) as [string];
    const result = await dispatchOutbox({ send });
    expect(result.failed).toBe(0);
    expect(result.sent).toBeGreaterThanOrEqual(1);

    const row = await db.outboxMessage.findUniqueOrThrow({ where: { id } });
    expect(row.sentAt).not.toBeNull();
    const event = inngest.requests.flat().find((e) => e.id === id);
    expect(event).toEqual({ id, name: "qbo/connection.connected", data: { workspaceId: "ws_dispatch", connectionId: id, realmId: "1" }, ts: row.createdAt.getTime() });

    await dispatchOutbox({ send });
    expect(deliveries([id])).toEqual(once([id]));
  });

  it("keeps rows pending while Inngest is down, backing off, and sends them once it is back", async () => {
    const [id] = (await enqueue("down")) as [string];

    inngest.mode = "unavailable";
    let before = Date.now();
    const result = await dispatchOutbox({ send });
    let after = Date.now();
    expect(result.sent).toBe(0);
    expect(result.failed).toBeGreaterThanOrEqual(1);
    let row = await db.outboxMessage.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ sentAt: null, attempts: 1, lastError: "Error: Inngest API Error: 503" });
    expect(row.availableAt.getTime()).toBeGreaterThanOrEqual(before + 1000);
    expect(row.availableAt.getTime()).toBeLessThanOrEqual(after + 1000);
    // Still backing off: a dispatch now leaves it alone.
    inngest.mode = "up";
    await dispatchOutbox({ send });
    expect(deliveries([id])).toEqual({ [id]: 0 });

    // Refused connections count the same way; the delay doubles.
    await makeDue([id]);
    const closedPort = await freePort();
    before = Date.now();
    await expect(dispatchOutbox({ send: sendVia(clientFor(`http://127.0.0.1:${closedPort}`)) })).resolves.toMatchObject({ sent: 0 });
    after = Date.now();
    row = await db.outboxMessage.findUniqueOrThrow({ where: { id } });
    expect(row.attempts).toBe(2);
    expect(row.lastError!.length).toBeLessThanOrEqual(200);
    expect(row.lastError).toMatch(/ECONNREFUSED|fetch failed/);
    expect(row.availableAt.getTime()).toBeGreaterThanOrEqual(before + 2000);
    expect(row.availableAt.getTime()).toBeLessThanOrEqual(after + 2000);

    // The delay stops growing at a minute.
    await db.outboxMessage.update({ where: { id }, data: { attempts: 40, availableAt: new Date(Date.now() - 1000) } });
    inngest.mode = "unavailable";
    before = Date.now();
    await dispatchOutbox({ send });
    after = Date.now();
    row = await db.outboxMessage.findUniqueOrThrow({ where: { id } });
    // Bounded by the clock read around the call, not by a guess at how long the call takes.
    expect(row.availableAt.getTime()).toBeGreaterThanOrEqual(before + 60_000);
    expect(row.availableAt.getTime()).toBeLessThanOrEqual(after + 60_000);

    inngest.mode = "up";
    await makeDue([id]);
    await dispatchOutbox({ send });
    row = await db.outboxMessage.findUniqueOrThrow({ where: { id } });
    expect(row.sentAt).not.toBeNull();
    expect(row.lastError).toBeNull();
    expect(deliveries([id])).toEqual(once([id]));
    expect(JSON.stringify(await db.outboxMessage.findUniqueOrThrow({ where: { id } }))).not.toContain("internal-detail-xyz");
  });

  it("with stuckForMs, sends only rows older than that and leaves fresh ones to their kick", async () => {
    const [old] = (await enqueue("stuck-old")) as [string];
    const [fresh] = (await enqueue("stuck-fresh")) as [string];
    await db.outboxMessage.update({ where: { id: old }, data: { createdAt: new Date(Date.now() - 2 * 60_000) } });

    await dispatchOutbox({ send, stuckForMs: 60_000 });
    expect(deliveries([old, fresh])).toEqual({ [old]: 1, [fresh]: 0 });
    expect((await db.outboxMessage.findUniqueOrThrow({ where: { id: fresh } })).sentAt).toBeNull();

    await dispatchOutbox({ send });
    expect(deliveries([old, fresh])).toEqual(once([old, fresh]));
  });

  it("drains a backlog larger than one batch, oldest first", async () => {
    const ids = await enqueue("backlog", 25);
    // Rows written in one transaction can share a millisecond; spread them so "oldest" means insertion order.
    const base = Date.now() - 10_000;
    for (const [i, id] of ids.entries()) await db.outboxMessage.update({ where: { id }, data: { createdAt: new Date(base + i) } });
    const requestsBefore = inngest.requests.length;
    await dispatchOutbox({ send, limit: 10 });
    expect(deliveries(ids)).toEqual(once(ids));
    const order = inngest.requests.slice(requestsBefore).flat().map((e) => e.id).filter((id) => ids.includes(id));
    expect(order).toEqual(ids);
    expect(inngest.requests.length - requestsBefore).toBeGreaterThanOrEqual(3);
  });

  it("never sends a row twice when dispatchers run at the same time", async () => {
    const ids = await enqueue("race", 60);
    const results = await Promise.all(Array.from({ length: 5 }, () => dispatchOutbox({ send, limit: 7 })));
    expect(results.every((r) => r.failed === 0)).toBe(true);
    expect(deliveries(ids)).toEqual(once(ids));
    const rows = await db.outboxMessage.findMany({ where: { id: { in: ids } } });
    expect(rows.every((r) => r.sentAt !== null)).toBe(true);
  });
});

describe("kickDispatcher", () => {
  it("turns 50 kicks in one tick into one dispatch", async () => {
    const ids = await enqueue("kick", 50);
    const requestsBefore = inngest.requests.length;
    for (let i = 0; i < 50; i++) kickDispatcher();
    await dispatcherIdle();
    expect(deliveries(ids)).toEqual(once(ids));
    expect(inngest.requests.length - requestsBefore).toBeLessThanOrEqual(2);
    expect(inngest.requests.length - requestsBefore).toBeGreaterThanOrEqual(1);
  });

  it("runs exactly once more after kicks that arrive during a dispatch", async () => {
    const [first] = (await enqueue("kick-first")) as [string];
    const requestsBefore = inngest.requests.length;
    const release = inngest.hold();
    kickDispatcher();
    await vi.waitFor(() => expect(deliveries([first])).toEqual(once([first])));

    const later = await enqueue("kick-later", 10);
    for (let i = 0; i < 10; i++) kickDispatcher();
    release();
    await dispatcherIdle();
    expect(deliveries(later)).toEqual(once(later));
    expect(inngest.requests.length - requestsBefore).toBe(2);
    expect(inngest.requests.at(-1)!.map((e) => e.id)).toEqual(expect.arrayContaining(later));
  });

  it("never throws, even when Inngest is down", async () => {
    const [id] = (await enqueue("kick-down")) as [string];
    inngest.mode = "unavailable";
    expect(() => kickDispatcher()).not.toThrow();
    await dispatcherIdle();
    const row = await db.outboxMessage.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ sentAt: null, attempts: 1 });
  });
});

// The Done-when of the outbox, end to end with the real local executor (sim/inngest) running a function served
// by the SDK's serve handler. In this file, not its own, so that no other file's dispatch races these for rows.
describe("the outbox with the local executor", () => {
  let executor: RunningExecutor;
  let served: ServedApp;
  let executorSend: SendEvents;
  const ran: string[] = [];

  beforeAll(async () => {
    executor = await startExecutorForTest();
    const client = devClient("ledgerwire", executor.url);
    const recorder = client.createFunction(
      { id: "outbox-recorder", triggers: [{ event: eventTypes["qbo/connection.connected"] }] },
      async ({ event, step }) => {
        await step.run("record", () => ran.push(event.data.connectionId));
      },
    );
    // The normalise job's body, served by the test app: webhook -> outbox -> executor -> canonical events.
    const normaliser = client.createFunction(
      { id: "outbox-normaliser", triggers: [{ event: eventTypes["ingest/event.received"] }] },
      async ({ event, step }) => step.run("normalise", () => normaliseInboundEvent(event.data)),
    );
    served = await serveAndSync(executor, client, [recorder, normaliser]);
    executorSend = (events) => client.send(events);
  });
  afterAll(async () => {
    await served?.stop();
    await executor?.stop();
  });

  const runsFor = (id: string) => executor.executor.listRuns({ functionId: "outbox-recorder", limit: 1000 }).filter((r) => r.eventIds.includes(id));

  it("never runs the work of a transaction that rolled back", async () => {
    const rolledBack = outboxEventId("qbo/connection.connected", "executor-rollback", randomUUID());
    await expect(
      db.$transaction(async (tx) => {
        await enqueueEvent(tx, { id: rolledBack, name: "qbo/connection.connected", data: { workspaceId: "ws_exec", connectionId: rolledBack, realmId: "1" } });
        throw new Error("saving the connection failed after the event was written");
      }),
    ).rejects.toThrow("saving the connection failed");
    const [control] = (await enqueue("executor-control")) as [string];

    await dispatchOutbox({ send: executorSend });
    await executor.executor.waitFor(() => ran.includes(control));
    expect(await db.outboxMessage.findUnique({ where: { id: rolledBack } })).toBeNull();
    expect(ran).not.toContain(rolledBack);
    expect(runsFor(rolledBack)).toHaveLength(0);
  });

  it("runs committed work exactly once though the dispatcher sends it three times", async () => {
    const [id] = (await enqueue("executor-thrice")) as [string];
    let sends = 0;
    const counting: SendEvents = (events) => {
      sends += events.filter((e) => e.id === id).length;
      return executorSend(events);
    };
    for (let i = 0; i < 3; i++) {
      await dispatchOutbox({ send: counting });
      // As if the dispatcher crashed after sending and before marking the row sent.
      if (i < 2) await db.outboxMessage.update({ where: { id }, data: { sentAt: null } });
    }
    expect(sends).toBe(3);
    await executor.executor.waitFor(() => runsFor(id).find((r) => r.status === "completed"));
    await new Promise((resolve) => setTimeout(resolve, 200)); // room for a second run to appear, if it ever did
    expect(ran.filter((c) => c === id)).toHaveLength(1);
    expect(runsFor(id)).toHaveLength(1);
  });

  it("delays work while the executor is down and loses none of it", async () => {
    const port = executor.port;
    await executor.stop();
    const [id] = (await enqueue("executor-down")) as [string];
    const down = await dispatchOutbox({ send: executorSend });
    expect(down.failed).toBeGreaterThanOrEqual(1);
    const pending = await db.outboxMessage.findUniqueOrThrow({ where: { id } });
    expect(pending.sentAt).toBeNull();
    expect(pending.attempts).toBe(1);
    expect(pending.lastError).toMatch(/fetch failed|ECONNREFUSED/);

    executor = await startExecutorForTest({ port });
    await executor.sync(served.serveUrl);
    await makeDue([id]); // the retry delay has passed
    await dispatchOutbox({ send: executorSend });
    await executor.executor.waitFor(() => runsFor(id).find((r) => r.status === "completed"));
    expect(ran.filter((c) => c === id)).toHaveLength(1);
    expect((await db.outboxMessage.findUniqueOrThrow({ where: { id } })).sentAt).not.toBeNull();
  });

  it("loses nothing when the process dies between storing a webhook and enqueueing it, and books it once", async () => {
    const { workspace } = await createWorkspaceWith(["OWNER"]);
    const shopify = await createTestSource(workspace.id, "SHOPIFY");
    const body = JSON.stringify(orderWith({ financial_status: "paid" }));
    const signature = hmacSha256Base64(shopify.webhookSecret, Buffer.from(body));
    const webhookId = randomUUID();
    // Inngest is unreachable while the webhook arrives (five copies at once), so no kick gets it out: the state
    // a crash right after the commit leaves behind.
    inngest.mode = "unavailable";
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => deliver.shopify(shopifyRequest(shopify.connection.id, body, signature, { topic: "orders/paid", webhookId }), shopify.connection.id)),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    await dispatcherIdle();
    const [stored] = await db.inboundEvent.findMany({ where: { workspaceId: workspace.id } });
    const id = `ingest/event.received:${stored!.id}`;
    expect((await db.outboxMessage.findUniqueOrThrow({ where: { id } })).sentAt).toBeNull();

    // After the restart the dispatcher finds the row; even sent twice (a crash before marking it), it runs once.
    await makeDue([id]);
    await dispatchOutbox({ send: executorSend });
    await db.outboxMessage.update({ where: { id }, data: { sentAt: null } });
    await dispatchOutbox({ send: executorSend });
    const normaliserRuns = () => executor.executor.listRuns({ functionId: "outbox-normaliser", limit: 1000 }).filter((r) => r.eventIds.includes(id));
    await executor.executor.waitFor(() => normaliserRuns().find((r) => r.status === "completed"));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(normaliserRuns()).toHaveLength(1);
    expect(await db.inboundEvent.count({ where: { workspaceId: workspace.id } })).toBe(1);
    const sales = await db.canonicalEvent.findMany({ where: { workspaceId: workspace.id } });
    expect(sales.map((s) => s.kind)).toEqual(["SALE"]);
  });
});
