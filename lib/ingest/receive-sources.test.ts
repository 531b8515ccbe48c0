import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hmacSha256Base64 } from "@/lib/crypto";
import { db } from "@/lib/db";
import { orderWith } from "@/lib/sources/shopify/test-payloads";
import { fixture, stripeEvent } from "@/lib/sources/stripe/test-kit";
import { createWorkspaceWith } from "@/test/fixtures";
import { createTestSource, deliver, shopifyRequest, stripeRequest, stripeSignature } from "@/test/webhooks";
import { inboundPayload } from "./inbound-payload";
import { flushRejections } from "./rejections";

async function sources() {
  const { workspace } = await createWorkspaceWith(["OWNER"]);
  return {
    workspaceId: workspace.id,
    stripe: await createTestSource(workspace.id, "STRIPE"),
    shopify: await createTestSource(workspace.id, "SHOPIFY", { externalAccountId: "acme.myshopify.com" }),
  };
}

const stripeBody = () => JSON.stringify({ ...stripeEvent("charge.succeeded", fixture("charge")), id: `evt_${randomUUID().replace(/-/g, "")}` });

describe("POST /api/webhooks/stripe/[connectionId]", () => {
  it("stores a signed event once per Stripe event id, even when Stripe re-sends it in other bytes", async () => {
    const { workspaceId, stripe } = await sources();
    const body = stripeBody();
    const send = (b: string) => deliver.stripe(stripeRequest(stripe.connection.id, b, stripeSignature(b, stripe.webhookSecret)), stripe.connection.id);
    expect(await (await send(body)).json()).toEqual({ received: true, duplicate: false, events: 1 });
    // A retry: same event, but pending_webhooks changed, so the bytes differ.
    const retry = JSON.stringify({ ...JSON.parse(body), pending_webhooks: 7 });
    expect(await (await send(retry)).json()).toEqual({ received: true, duplicate: false, events: 0 });
    const events = await db.inboundEvent.findMany({ where: { workspaceId } });
    expect(events.map((e) => [e.source, e.eventType])).toEqual([["STRIPE", "charge.succeeded"]]);
  });

  it("refuses a replayed delivery whose signature is older than Stripe's tolerance", async () => {
    const { stripe } = await sources();
    const body = stripeBody();
    const old = stripeSignature(body, stripe.webhookSecret, Math.floor(Date.now() / 1000) - 3600);
    const response = await deliver.stripe(stripeRequest(stripe.connection.id, body, old), stripe.connection.id);
    expect(response.status).toBe(401);
  });

  it("accepts either secret while one is rotated", async () => {
    const { workspace } = await createWorkspaceWith(["OWNER"]);
    const { createSourceConnection } = await import("@/lib/sources/create-source-connection");
    const connection = await createSourceConnection(
      { tenantId: workspace.id, actor: { type: "SYSTEM" } },
      { kind: "STRIPE", name: "rotating", secrets: { webhookSecrets: ["whsec_new_secret_1", "whsec_old_secret_0"] } },
    );
    for (const secret of ["whsec_new_secret_1", "whsec_old_secret_0"]) {
      const body = stripeBody();
      expect((await deliver.stripe(stripeRequest(connection.id, body, stripeSignature(body, secret)), connection.id)).status).toBe(200);
    }
  });

  it("answers 404 with a code for a connection that does not exist, and counts the refusal", async () => {
    const body = stripeBody();
    const response = await deliver.stripe(stripeRequest("no-such-connection", body, stripeSignature(body, "whsec_x")), "no-such-connection");
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: "CONNECTION_NOT_FOUND" });
    await flushRejections();
    const row = await db.ingestRejection.findFirst({ where: { source: "STRIPE", reason: "CONNECTION_NOT_FOUND" } });
    expect(row?.count).toBeGreaterThanOrEqual(1);
  });
});

describe("POST /api/webhooks/shopify/[connectionId]", () => {
  const sign = (secret: string, body: string) => hmacSha256Base64(secret, Buffer.from(body));

  it("deduplicates on X-Shopify-Webhook-Id and keeps 64-bit ids exact", async () => {
    const { workspaceId, shopify } = await sources();
    const body = JSON.stringify(orderWith({ financial_status: "paid" })).replace(/"id":\s*450789469\b/, '"id":12345678901234567890');
    const webhookId = randomUUID();
    const send = (b: string) =>
      deliver.shopify(shopifyRequest(shopify.connection.id, b, sign(shopify.webhookSecret, b), { topic: "orders/paid", webhookId, shop: "acme.myshopify.com" }), shopify.connection.id);
    expect((await send(body)).status).toBe(200);
    expect(await (await send(`${body} `)).json()).toEqual({ received: true, duplicate: false, events: 0 });
    const [event] = await db.inboundEvent.findMany({ where: { workspaceId }, include: { delivery: { select: { rawBody: true } } } });
    expect(event!.externalId).toBe(webhookId);
    // Stored once, as the signed bytes; read back as the normaliser reads it.
    expect(event!.payload).toBeNull();
    expect(Buffer.from(event!.delivery!.rawBody).toString("utf8")).toBe(body);
    expect((inboundPayload(event!) as { id: unknown }).id).toBe("12345678901234567890");
  });

  it("keeps a signed delivery for another shop for inspection, and books nothing from it", async () => {
    const { workspaceId, shopify } = await sources();
    const body = JSON.stringify(orderWith({ financial_status: "paid" }));
    const request = shopifyRequest(shopify.connection.id, body, sign(shopify.webhookSecret, body), { shop: "someone-else.myshopify.com" });
    const response = await deliver.shopify(request, shopify.connection.id);
    expect(response.status).toBe(400);
    expect((await response.json()).message).toMatch(/someone-else\.myshopify\.com/);
    expect(await db.inboundEvent.count({ where: { workspaceId } })).toBe(0);
    expect(await db.webhookDelivery.count({ where: { sourceConnectionId: shopify.connection.id, parseError: { not: null } } })).toBe(1);
  });
});
