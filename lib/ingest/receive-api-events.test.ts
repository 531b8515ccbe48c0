import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/v1/events/route";
import { GET as getOpenApi } from "@/app/api/v1/openapi.json/route";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { workspaceContext } from "@/lib/api-keys/test-workspace";
import { db } from "@/lib/db";
import { RATE_LIMITS } from "@/lib/rate-limit/rules";
import { useUpRateLimit } from "@/lib/rate-limit/test-kit";
import { API_EVENT_EXAMPLE } from "@/lib/sources/api/example";

async function keyFor(scopes: ("events:write" | "events:read")[] = ["events:write"]) {
  const ctx = await workspaceContext();
  const { key, apiKey } = await createApiKey(ctx, { name: "shop backend", scopes });
  return { key, workspaceId: ctx.tenantId, apiKeyId: apiKey.id };
}

function post(key: string | null, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const h = new Headers({ "content-type": "application/json", ...headers });
  if (key) h.set("authorization", `Bearer ${key}`);
  return POST(new Request("http://localhost:3000/api/v1/events", { method: "POST", headers: h, body: typeof body === "string" ? body : JSON.stringify(body) }));
}

const sale = (id = `order_${randomUUID()}`) => ({ ...API_EVENT_EXAMPLE, id });

describe("POST /api/v1/events", () => {
  it("stores each event with its outbox row and answers 202 with an id per event", async () => {
    const { key, workspaceId } = await keyFor();
    const events = [sale(), sale(), { type: "customer_upsert", id: `cus_${randomUUID()}`, occurred_at: "2026-03-14T10:00:00Z", currency: "USD", name: "Ada Lovelace" }];
    const response = await post(key, { events });
    const body = await response.json();
    expect(response.status, JSON.stringify(body)).toBe(202);
    expect(body.events.map((e: { status: string }) => e.status)).toEqual(["accepted", "accepted", "accepted"]);
    const stored = await db.inboundEvent.findMany({ where: { workspaceId, source: "API" }, orderBy: { receivedAt: "asc" } });
    expect(stored.map((e) => e.id).sort()).toEqual(body.events.map((e: { id: string }) => e.id).sort());
    expect(await db.outboxMessage.count({ where: { workspaceId, eventName: "ingest/event.received" } })).toBe(3);
  });

  it("reports an event sent again (same type and id) as a duplicate and does not enqueue it twice", async () => {
    const { key, workspaceId } = await keyFor();
    const event = sale();
    const first = await (await post(key, { events: [event] })).json();
    const again = await (await post(key, { events: [event, event] })).json();
    expect(again.events.map((e: { status: string; id: string }) => [e.status, e.id])).toEqual([
      ["duplicate", first.events[0].id],
      ["duplicate", first.events[0].id],
    ]);
    expect(await db.outboxMessage.count({ where: { workspaceId } })).toBe(1);
  });

  it("replays the first answer for the same Idempotency-Key and body, and refuses another body with 409", async () => {
    const { key, workspaceId } = await keyFor();
    const idem = { "idempotency-key": `batch-${randomUUID()}` };
    const body = { events: [sale()] };
    const answers = await Promise.all([post(key, body, idem), post(key, body, idem), post(key, body, idem)]);
    const bodies = await Promise.all(answers.map((a) => a.json()));
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202]);
    expect(bodies[1]).toEqual(bodies[0]);
    expect(bodies[2]).toEqual(bodies[0]);
    expect(answers.filter((a) => a.headers.get("idempotent-replayed") === "true")).toHaveLength(2);
    expect(await db.inboundEvent.count({ where: { workspaceId } })).toBe(1);

    const conflict = await post(key, { events: [sale()] }, idem);
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toMatchObject({ code: "IDEMPOTENCY_KEY_REUSED", message: expect.stringMatching(/different request body/) });
  });

  it("answers 422 with the path of every invalid field, and stores nothing", async () => {
    const { key, workspaceId } = await keyFor();
    const bad = [{ ...sale(), amount_minor: 19.99 }, sale(), { ...sale(), currency: "usd", lines: [] }];
    const response = await post(key, { events: bad });
    expect(response.status).toBe(422);
    const body = await response.json();
    const paths = body.details.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["events.0.amount_minor", "events.2.currency", "events.2.lines"]));
    expect(await db.inboundEvent.count({ where: { workspaceId } })).toBe(0);
  });

  it("refuses more than 500 events with 413, non-JSON with 400 and 415, and bad keys with 401 and 403", async () => {
    const { key } = await keyFor();
    const many = await post(key, { events: Array.from({ length: 501 }, () => sale()) });
    expect(many.status).toBe(413);
    expect(await many.json()).toMatchObject({ code: "PAYLOAD_TOO_LARGE", message: expect.stringMatching(/at most 500/) });
    expect((await post(key, "{not json")).status).toBe(400);
    expect((await post(key, { events: [sale()] }, { "content-type": "text/plain" })).status).toBe(415);
    expect((await post(null, { events: [sale()] })).status).toBe(401);
    expect((await post(`lw_live_${"x".repeat(43)}`, { events: [sale()] })).status).toBe(401);
    const readOnly = await keyFor(["events:read"]);
    expect((await post(readOnly.key, { events: [sale()] })).status).toBe(403);
  });

  it("answers 429 with Retry-After once a key has used up its rate limit, and stores nothing; other keys go on", async () => {
    const limited = await keyFor();
    const other = await keyFor();
    await useUpRateLimit(RATE_LIMITS.eventsApi, limited.apiKeyId);
    const response = await post(limited.key, { events: [sale()] });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await response.json()).toMatchObject({ code: "RATE_LIMITED", details: { limit: "events-api" } });
    expect(await db.inboundEvent.count({ where: { workspaceId: limited.workspaceId } })).toBe(0);
    expect((await post(other.key, { events: [sale()] })).status).toBe(202);
  });

  it("takes the workspace from the key, whatever the body says", async () => {
    const { key, workspaceId } = await keyFor();
    const other = await workspaceContext();
    const response = await post(key, { events: [sale()], workspaceId: other.tenantId });
    expect(response.status).toBe(422); // an unknown field is refused outright (strict schemas)
    await post(key, { events: [sale()] });
    expect(await db.inboundEvent.count({ where: { workspaceId: other.tenantId } })).toBe(0);
    expect(await db.inboundEvent.count({ where: { workspaceId } })).toBe(1);
  });

  it("publishes an OpenAPI document generated from the same schemas", async () => {
    const doc = await (await getOpenApi()).json();
    expect(doc.openapi).toBe("3.0.3");
    const post = doc.paths["/api/v1/events"].post;
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(["202", "401", "409", "413", "422"]));
    const variants = doc.components.schemas.EventsRequest.properties.events.items.oneOf;
    expect(variants.map((v: { properties: { type: { enum: string[] } } }) => v.properties.type.enum[0])).toEqual([
      "sale", "invoice_issued", "payment", "refund", "chargeback_opened", "chargeback_won", "chargeback_lost", "fee", "payout", "customer_upsert", "subscription_invoice",
    ]);
  });
});
