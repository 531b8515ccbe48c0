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
    // The signature is right: what is wrong is its age, and the sender should be told so (a clock, a replay).
    const { code, message } = await response.json();
    expect(code).toBe("SIGNATURE_INVALID");
    expect(message).toMatch(/timestamp/i);
    expect(message).toMatch(/tolerance/i);
    expect(message).not.toMatch(/does not match the body/);
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

  it("answers an unknown connection exactly as a bad signature, so connection ids cannot be probed, and counts it", async () => {
    const { stripe } = await sources();
    const body = stripeBody();
    const forged = stripeSignature(body, "whsec_someone_else");
    const unknown = await deliver.stripe(stripeRequest("no-such-connection", body, forged), "no-such-connection");
    const wrong = await deliver.stripe(stripeRequest(stripe.connection.id, body, forged), stripe.connection.id);
    expect(unknown.status).toBe(wrong.status);
    expect(await unknown.json()).toEqual(await wrong.json());
    const unsigned = await deliver.stripe(stripeRequest("no-such-connection", body, null), "no-such-connection");
    const unsignedKnown = await deliver.stripe(stripeRequest(stripe.connection.id, body, null), stripe.connection.id);
    expect([unsigned.status, await unsigned.json()]).toEqual([unsignedKnown.status, await unsignedKnown.json()]);
    await flushRejections();
    const row = await db.ingestRejection.findFirst({ where: { source: "STRIPE", reason: "CONNECTION_NOT_FOUND" } });
    expect(row?.count).toBeGreaterThanOrEqual(1);
  });

  it("answers an unknown Shopify connection exactly as a bad signature", async () => {
    const { shopify } = await sources();
    const body = JSON.stringify(orderWith({ financial_status: "paid" }));
    const forged = hmacSha256Base64("shpss_someone_else", Buffer.from(body));
    const unknown = await deliver.shopify(shopifyRequest("no-such-connection", body, forged), "no-such-connection");
    const wrong = await deliver.shopify(shopifyRequest(shopify.connection.id, body, forged), shopify.connection.id);
    expect([unknown.status, await unknown.json()]).toEqual([wrong.status, await wrong.json()]);
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

  it("ingests the corrected resend of a delivery refused for the wrong shop: a refused delivery does not count as seen", async () => {
    const { workspaceId, shopify } = await sources();
    const body = JSON.stringify(orderWith({ financial_status: "paid" }));
    const webhookId = randomUUID();
    const send = (shop: string) =>
      deliver.shopify(shopifyRequest(shopify.connection.id, body, sign(shopify.webhookSecret, body), { topic: "orders/paid", webhookId, shop }), shopify.connection.id);
    expect((await send("someone-else.myshopify.com")).status).toBe(400);
    const resend = await send("acme.myshopify.com");
    expect(await resend.json()).toEqual({ received: true, duplicate: false, events: 1 });
    expect(await db.inboundEvent.count({ where: { workspaceId, externalId: webhookId } })).toBe(1);
    // The same refused delivery twice is still kept once.
    expect((await send("someone-else.myshopify.com")).status).toBe(400);
    expect((await send("someone-else.myshopify.com")).status).toBe(400);
    expect(await db.webhookDelivery.count({ where: { sourceConnectionId: shopify.connection.id, parseError: { not: null } } })).toBe(1);
  });
});
