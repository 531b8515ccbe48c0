import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { z, type ZodError } from "zod";
import { db } from "@/lib/db";
import { markFailed, normaliseInboundEvent } from "@/lib/ingest/normalise-inbound-event";
import { orderWith } from "@/lib/sources/shopify/test-payloads";
import { hmacSha256Base64 } from "@/lib/crypto";
import { createWorkspaceWith } from "@/test/fixtures";
import { createTestSource, deliver, shopifyRequest } from "@/test/webhooks";
import { classifyFailure } from "./classify-failure";

// Step 1 of the pipeline: the normaliser writes each canonical event and its "sync/event.ready" outbox row in
// one transaction, once per version of the event; failures are classified in one place.

async function shopifyOrder(overrides: Record<string, unknown> = {}) {
  const { workspace } = await createWorkspaceWith(["OWNER"]);
  const shopify = await createTestSource(workspace.id, "SHOPIFY", { externalAccountId: "ledgerwire-test.myshopify.com" });
  const body = JSON.stringify(orderWith({ financial_status: "paid", ...overrides }));
  const request = shopifyRequest(shopify.connection.id, body, hmacSha256Base64(shopify.webhookSecret, Buffer.from(body)), { topic: "orders/paid", shop: "ledgerwire-test.myshopify.com" });
  expect((await deliver.shopify(request, shopify.connection.id)).status).toBe(200);
  const inbound = await db.inboundEvent.findFirstOrThrow({ where: { workspaceId: workspace.id } });
  return { workspaceId: workspace.id, inboundEventId: inbound.id };
}

const readyRows = (workspaceId: string) => db.outboxMessage.findMany({ where: { workspaceId, eventName: "sync/event.ready" } });

describe("enqueueing canonical events for the sync pipeline", () => {
  it("writes one sync/event.ready per new canonical event, and none when a replay changes nothing", async () => {
    const { workspaceId, inboundEventId } = await shopifyOrder({ taxes_included: true, total_price: "587.00" });
    expect(await normaliseInboundEvent({ workspaceId, inboundEventId })).toMatchObject({ status: "NORMALISED", created: 1 });
    const event = await db.canonicalEvent.findFirstOrThrow({ where: { workspaceId } });
    const rows = await readyRows(workspaceId);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.payload).toEqual({ workspaceId, canonicalEventId: event.id });

    expect(await normaliseInboundEvent({ workspaceId, inboundEventId })).toMatchObject({ unchanged: 1 });
    expect(await readyRows(workspaceId)).toHaveLength(1);
  });

  it("writes another one when a pending event changes, and none once it is no longer pending", async () => {
    const { workspaceId, inboundEventId } = await shopifyOrder({ taxes_included: true, total_price: "587.00" });
    await normaliseInboundEvent({ workspaceId, inboundEventId });
    const event = await db.canonicalEvent.findFirstOrThrow({ where: { workspaceId } });
    // What an edited normaliser would produce: the same key, other data.
    await db.canonicalEvent.update({ where: { id: event.id }, data: { data: { ...(event.data as object), description: "changed" } } });
    expect(await normaliseInboundEvent({ workspaceId, inboundEventId })).toMatchObject({ updated: 1 });
    expect(await readyRows(workspaceId)).toHaveLength(2);

    await db.canonicalEvent.update({ where: { id: event.id }, data: { status: "POSTED", data: { ...(event.data as object), description: "again" } } });
    expect(await normaliseInboundEvent({ workspaceId, inboundEventId })).toMatchObject({ unchanged: 1 });
    expect(await readyRows(workspaceId)).toHaveLength(2);
  });

  it("marks an event failed only inside its own workspace", async () => {
    const { workspaceId, inboundEventId } = await shopifyOrder();
    const other = await createWorkspaceWith(["OWNER"]);
    await markFailed(other.workspace.id, inboundEventId, "forged");
    expect(await db.inboundEvent.findUniqueOrThrow({ where: { id: inboundEventId } })).toMatchObject({ status: "RECEIVED" });
    expect(await db.syncException.count({ where: { OR: [{ workspaceId: other.workspace.id }, { inboundEventId }] } })).toBe(0);
    await markFailed(workspaceId, inboundEventId, "real");
    expect(await db.inboundEvent.findUniqueOrThrow({ where: { id: inboundEventId } })).toMatchObject({ status: "FAILED" });
  });

  it("never retries a zod error (issue 17: it was retried five times)", () => {
    const zod = z.object({ a: z.string() }).safeParse({ a: 1 }).error as ZodError;
    expect(classifyFailure(zod)).toMatchObject({ kind: "invalid", retryable: false });
    expect(classifyFailure(new Error(`socket hang up ${randomUUID()}`))).toMatchObject({ kind: "transient", retryable: true });
  });
});
