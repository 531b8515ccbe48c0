import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { GET as getEvent } from "@/app/api/v1/events/[id]/route";
import { GET as listEvents, POST } from "@/app/api/v1/events/route";
import { GET as getOpenApi } from "@/app/api/v1/openapi.json/route";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { workspaceContext } from "@/lib/api-keys/test-workspace";
import { db } from "@/lib/db";
import { API_EVENT_EXAMPLE } from "@/lib/sources/api/example";
import { routeParams } from "@/test/http";

// GET /api/v1/events and /api/v1/events/{id}: what the events:read scope promises. A developer sends events,
// then asks what became of them: each with its status, newest first, paged, and only ever their own workspace's.

async function keys() {
  const ctx = await workspaceContext();
  const write = (await createApiKey(ctx, { name: "sender", scopes: ["events:write"] })).key;
  const read = (await createApiKey(ctx, { name: "reader", scopes: ["events:read"] })).key;
  return { workspaceId: ctx.tenantId, write, read };
}

const url = (path: string) => `http://localhost:3000/api/v1/events${path}`;
const get = (key: string, path = "") => listEvents(new Request(url(path), { headers: { authorization: `Bearer ${key}` } }));
const getOne = (key: string, id: string) => getEvent(new Request(url(`/${id}`), { headers: { authorization: `Bearer ${key}` } }), routeParams({ id }));

async function send(key: string, count: number): Promise<string[]> {
  const events = Array.from({ length: count }, () => ({ ...API_EVENT_EXAMPLE, id: `order_${randomUUID()}` }));
  const response = await POST(new Request(url(""), { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: JSON.stringify({ events }) }));
  expect(response.status).toBe(202);
  return ((await response.json()) as { events: { id: string }[] }).events.map((e) => e.id);
}

describe("GET /api/v1/events", () => {
  it("lists the workspace's events newest first with their status, a page at a time", async () => {
    const { workspaceId, write, read } = await keys();
    const ids = await send(write, 3);
    await db.inboundEvent.update({ where: { id: ids[0]! }, data: { status: "FAILED", error: "No mapping for revenue." } });
    const first = await get(read, "?limit=2");
    expect(first.status).toBe(200);
    const page1 = await first.json();
    expect(page1.events).toHaveLength(2);
    expect(page1.nextCursor).toEqual(expect.any(String));
    const page2 = await (await get(read, `?limit=2&cursor=${encodeURIComponent(page1.nextCursor)}`)).json();
    expect(page2.nextCursor).toBeNull();
    const all = [...page1.events, ...page2.events];
    expect(all.map((e: { id: string }) => e.id).sort()).toEqual([...ids].sort());
    const failed = all.find((e: { id: string }) => e.id === ids[0]);
    expect(failed).toMatchObject({ source: "api", type: "sale", status: "failed", error: "No mapping for revenue." });
    expect(failed.externalId).toMatch(/^order_/);
    expect(await db.inboundEvent.count({ where: { workspaceId } })).toBe(3);
  });

  it("never shows another workspace's events, listed or fetched by id", async () => {
    const mine = await keys();
    const theirs = await keys();
    const [theirId] = await send(theirs.write, 1);
    expect((await (await get(mine.read)).json()).events).toEqual([]);
    const response = await getOne(mine.read, theirId!);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: "NOT_FOUND" });
  });

  it("fetches one event with its status and the payload sent", async () => {
    const { write, read } = await keys();
    const [id] = await send(write, 1);
    const response = await getOne(read, id!);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ event: { id, status: "received", type: "sale", payload: { type: "sale", currency: API_EVENT_EXAMPLE.currency } } });
  });

  it("checks the scope, and refuses query parameters it does not know", async () => {
    const { write, read } = await keys();
    const refused = await get(write);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("events:read") });
    expect((await get(read, "?limit=1000")).status).toBe(422);
    expect((await get(read, "?cursor=not-a-cursor")).status).toBe(400);
    expect((await get(read, "?workspace=other")).status).toBe(422);
  });

  it("is documented in the OpenAPI document, both paths", async () => {
    const doc = await getOpenApi().json();
    expect(doc.paths["/api/v1/events"].get.operationId).toBe("listEvents");
    expect(doc.paths["/api/v1/events"].get.parameters.map((p: { name: string }) => p.name)).toEqual(["limit", "cursor", "source", "status"]);
    expect(doc.paths["/api/v1/events/{id}"].get.operationId).toBe("getEvent");
    expect(doc.components.schemas.EventsPage).toBeDefined();
  });
});
