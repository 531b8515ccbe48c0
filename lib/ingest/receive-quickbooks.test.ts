import { randomInt, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { verifyIntuitSignature } from "@/lib/qbo/webhooks/verify-signature";
import { createWorkspaceWith } from "@/test/fixtures";
import { deliver, intuitSignature, quickBooksRequest } from "@/test/webhooks";
import { deliveryDedupKey } from "./store-deliveries";

const PAYLOADS = path.resolve(import.meta.dirname, "../../test/payloads/qbo-webhooks");
const read = (file: string) => readFileSync(path.join(PAYLOADS, file));
const token = () => env().qboWebhookVerifierTokens[0]!;

// Real payloads from Intuit's documentation, with the company id replaced so each test owns its rows.
function legacyBody(realmId: string, entityId = String(randomInt(1, 1e9))): string {
  const body = JSON.parse(read("legacy/intuit_blog_2025_legacy_example.json").toString("utf8"));
  body.eventNotifications[0].realmId = realmId;
  body.eventNotifications[0].dataChangeEvent.entities[0].id = entityId;
  return JSON.stringify(body);
}
function cloudEventsBody(realmId: string): string {
  const events = JSON.parse(read("cloudevents/intuit_blog_2025_cloudevents_example.json").toString("utf8"));
  events[0].intuitaccountid = realmId;
  events[0].id = randomUUID();
  return JSON.stringify(events);
}

async function connectRealm(workspaceId: string, realmId: string) {
  await db.qboConnection.create({
    data: { workspaceId, realmId, environment: "SANDBOX", companyName: `Company ${realmId}`, homeCurrency: "USD" },
  });
}

const realm = () => String(9_000_000_000 + randomInt(1, 1e9));
const send = (body: string | Uint8Array, signature = intuitSignature(body, token())) => deliver.quickBooks(quickBooksRequest(body, signature));

describe("POST /api/webhooks/quickbooks", () => {
  it("checks signatures with the known-answer vector from python-quickbooks", () => {
    const vector = JSON.parse(read("signature_vector.json").toString("utf8")).vectors[0];
    const raw = read("legacy/python_quickbooks_payload.raw");
    expect(verifyIntuitSignature(raw, vector.intuitSignature, [vector.verifierToken])).toBe(true);
    expect(verifyIntuitSignature(raw, vector.intuitSignature, ["another-token", vector.verifierToken])).toBe(true);
    expect(verifyIntuitSignature(raw, vector.intuitSignature, ["another-token"])).toBe(false);
    expect(verifyIntuitSignature(Buffer.concat([raw, Buffer.from(" ")]), vector.intuitSignature, [vector.verifierToken])).toBe(false);
  });

  it("stores a legacy notification, routes it to the workspace that connected the company, and enqueues it", async () => {
    const { workspace } = await createWorkspaceWith(["OWNER"]);
    const realmId = realm();
    await connectRealm(workspace.id, realmId);
    const response = await send(legacyBody(realmId, "1234"));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, duplicate: false, events: 1 });

    const [event] = await db.inboundEvent.findMany({ where: { workspaceId: workspace.id, source: "QUICKBOOKS" } });
    expect(event).toMatchObject({ status: "RECEIVED", eventType: "Account.Create" });
    expect(event!.payload).toMatchObject({ realmId, entity: "Account", entityId: "1234", operation: "Create" });
    const outbox = await db.outboxMessage.findUnique({ where: { id: `qbo/notification.received:${event!.id}` } });
    expect(outbox).toMatchObject({ workspaceId: workspace.id, eventName: "qbo/notification.received", sentAt: null });
  });

  it("accepts the CloudEvents format and reads its nanosecond timestamps", async () => {
    const { workspace } = await createWorkspaceWith(["OWNER"]);
    const realmId = realm();
    await connectRealm(workspace.id, realmId);
    expect((await send(cloudEventsBody(realmId))).status).toBe(200);
    const event = await db.inboundEvent.findFirstOrThrow({ where: { workspaceId: workspace.id } });
    expect(event.eventType).toBe("Account.Create");
    expect(event.occurredAt?.toISOString()).toBe("2025-09-10T21:31:25.179Z");
  });

  it("stores notifications for companies nobody connected as unrouted, still answering 200", async () => {
    const realmId = realm();
    const response = await send(legacyBody(realmId));
    expect(response.status).toBe(200);
    const rows = await db.inboundEvent.findMany({ where: { source: "QUICKBOOKS", workspaceId: null, payload: { path: ["realmId"], equals: realmId } } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.status).toBe("UNROUTED");
    expect(await db.outboxMessage.count({ where: { id: `qbo/notification.received:${rows[0]!.id}` } })).toBe(0);
  });

  it("stores and enqueues a delivery sent five times at once exactly once", async () => {
    const { workspace } = await createWorkspaceWith(["OWNER"]);
    const realmId = realm();
    await connectRealm(workspace.id, realmId);
    const body = legacyBody(realmId);
    const answers = await Promise.all(Array.from({ length: 5 }, () => send(body)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    const bodies = await Promise.all(answers.map((a) => a.json()));
    expect(bodies.filter((b) => b.duplicate === false)).toHaveLength(1);

    expect(await db.webhookDelivery.count({ where: { dedupKey: deliveryDedupKey("QUICKBOOKS", null, Buffer.from(body)) } })).toBe(1);
    const events = await db.inboundEvent.findMany({ where: { workspaceId: workspace.id } });
    expect(events).toHaveLength(1);
    expect(await db.outboxMessage.count({ where: { workspaceId: workspace.id, eventName: "qbo/notification.received" } })).toBe(1);
  });

  it("collapses the same notification re-sent in different bytes (another batch) onto one event", async () => {
    const { workspace } = await createWorkspaceWith(["OWNER"]);
    const realmId = realm();
    await connectRealm(workspace.id, realmId);
    const first = JSON.parse(legacyBody(realmId, "77"));
    const again = structuredClone(first);
    again.eventNotifications[0].dataChangeEvent.entities.push({ id: "78", operation: "Update", name: "Invoice", lastUpdated: "2025-09-08T21:00:00.000Z" });
    expect((await send(JSON.stringify(first))).status).toBe(200);
    const answer = await send(JSON.stringify(again));
    expect(await answer.json()).toEqual({ received: true, duplicate: false, events: 1 });
    expect(await db.inboundEvent.count({ where: { workspaceId: workspace.id } })).toBe(2);
  });

  it("refuses a bad or missing signature with 401 and stores nothing", async () => {
    const body = legacyBody(realm());
    for (const signature of [intuitSignature(body, "not-the-verifier-token"), "", "x".repeat(44)]) {
      const response = await send(body, signature);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ code: "SIGNATURE_INVALID", message: expect.stringMatching(/intuit-signature/) });
    }
    const missing = await deliver.quickBooks(quickBooksRequest(body, null));
    expect(missing.status).toBe(401);
    expect(await db.webhookDelivery.count({ where: { dedupKey: deliveryDedupKey("QUICKBOOKS", null, Buffer.from(body)) } })).toBe(0);
  });

  it("verifies the raw bytes: a body re-encoded differently fails", async () => {
    const body = Buffer.from(legacyBody(realm()).replace("Create", "Cr\u00e9ate"), "utf8");
    const latin1 = Buffer.from(body.toString("utf8"), "latin1");
    expect((await send(latin1, intuitSignature(body, token()))).status).toBe(401);
  });

  it("keeps a signed body that does not parse for inspection and answers 400", async () => {
    const body = `{"eventNotifications": "not a list", "n": "${randomUUID()}"}`;
    const response = await send(body);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/kept for inspection/) });
    const kept = await db.webhookDelivery.findUniqueOrThrow({ where: { dedupKey: deliveryDedupKey("QUICKBOOKS", null, Buffer.from(body), "", true) } });
    expect(kept.parseError).toMatch(/eventNotifications/);
    expect(Buffer.from(kept.rawBody).toString("utf8")).toBe(body);
  });

  it("refuses a body over 1 MiB with 413 before reading it", async () => {
    const body = `{"pad":"${"x".repeat(1024 * 1024)}"}`;
    const response = await send(body);
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
  });

  it("keeps raw deliveries and events immutable", async () => {
    const { workspace } = await createWorkspaceWith(["OWNER"]);
    const realmId = realm();
    await connectRealm(workspace.id, realmId);
    await send(legacyBody(realmId));
    const event = await db.inboundEvent.findFirstOrThrow({ where: { workspaceId: workspace.id } });
    await expect(db.inboundEvent.update({ where: { id: event.id }, data: { payload: { edited: true } } })).rejects.toThrow(/immutable/);
    await expect(db.webhookDelivery.update({ where: { id: event.deliveryId! }, data: { rawBody: Buffer.from("{}") } })).rejects.toThrow(/immutable/);
    // Status is not raw data: processing may move it on.
    await db.inboundEvent.update({ where: { id: event.id }, data: { status: "NORMALISED", processedAt: new Date() } });
  });
});
