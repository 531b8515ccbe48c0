import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createWorkspaceWith } from "@/test/fixtures";
import { createTestSource, deliver } from "@/test/webhooks";
import { buildShopifyDeliveries, buildStripeDeliveries, type Delivery } from "@/sim/sources";
import { StripeEventGenerator } from "@/sim/sources/stripe-events";
import { ShopifyEventGenerator } from "@/sim/sources/shopify-events";
import { missingBalanceTransactions } from "./stripe/missing-balance-transactions";
import { stripeToCanonical } from "./stripe/to-canonical";
import { parseShopifyJson } from "./shopify/parse-shopify-json";
import { shopifyToCanonical } from "./shopify/to-canonical";
import { inboundPayload } from "@/lib/ingest/inbound-payload";

// What the demo source sends must be what the app accepts and books: every delivery answered 200 by the real
// route handlers and stored once, and every event normalised without landing in the exception queue.

const COUNT = 40;
const SHOP = "acme-outdoor-test.myshopify.com";

function asRequest(delivery: Delivery): Request {
  return new Request(`http://localhost:3000${delivery.path}`, { method: "POST", headers: delivery.headers, body: delivery.body });
}

describe("the demo source against the app's webhook routes", () => {
  it("has every Stripe delivery answered 200 and stored once, and a redelivery recognised as a duplicate", async () => {
    const { workspace } = await createWorkspaceWith(["OWNER"]);
    const { connection, webhookSecret } = await createTestSource(workspace.id, "STRIPE", { apiKey: "rk_test_demo_source_test" });
    const deliveries = buildStripeDeliveries(COUNT, { connectionId: connection.id, webhookSecret, seed: `route-${connection.id}` });

    for (const delivery of deliveries) {
      const response = await deliver.stripe(asRequest(delivery), connection.id);
      expect(response.status, await response.clone().text()).toBe(200);
      expect(await response.json()).toMatchObject({ received: true, duplicate: false });
    }
    const again = await deliver.stripe(asRequest(deliveries[0]!), connection.id);
    expect(await again.json()).toMatchObject({ received: true, duplicate: true });

    const stored = await db.inboundEvent.findMany({ where: { sourceConnectionId: connection.id }, select: { externalId: true, eventType: true } });
    const ids = deliveries.map((d) => (JSON.parse(d.body) as { id: string }).id);
    expect(stored.map((e) => e.externalId).sort()).toEqual([...ids].sort());
    expect(new Set(stored.map((e) => e.eventType))).toContain("charge.succeeded");
  });

  it("has every Shopify delivery answered 200 and stored once, with ids beyond 2^53 kept exact", async () => {
    const { workspace } = await createWorkspaceWith(["OWNER"]);
    const { connection, webhookSecret } = await createTestSource(workspace.id, "SHOPIFY", { externalAccountId: SHOP });
    const deliveries = buildShopifyDeliveries(COUNT, { connectionId: connection.id, webhookSecret, shopDomain: SHOP, seed: `route-${connection.id}` });

    for (const delivery of deliveries) {
      const response = await deliver.shopify(asRequest(delivery), connection.id);
      expect(response.status, await response.clone().text()).toBe(200);
      expect(await response.json()).toMatchObject({ received: true, duplicate: false });
    }
    const stored = await db.inboundEvent.findMany({ where: { sourceConnectionId: connection.id }, include: { delivery: { select: { rawBody: true } } } });
    expect(stored.map((e) => e.externalId).sort()).toEqual(deliveries.map((d) => d.headers["X-Shopify-Webhook-Id"]).sort());

    const order = stored.find((e) => e.eventType === "orders/paid")!;
    const raw = deliveries.find((d) => d.headers["X-Shopify-Webhook-Id"] === order.externalId)!.body;
    const digits = /"shipping_lines":\[\{"id":(\d+)/.exec(raw)![1]!;
    expect((inboundPayload(order) as { shipping_lines: { id: unknown }[] }).shipping_lines[0]!.id).toBe(digits);
  });
});

describe("the demo source's events in the app's normalisers", () => {
  it("books every Stripe event, with the fees its ledger serves", () => {
    const generator = new StripeEventGenerator({ seed: "normalise", eventsPerDay: 10 });
    for (let i = 0; i < 300; i++) {
      const event = generator.next();
      const wanted = missingBalanceTransactions(event);
      const balanceTransactions: Record<string, Stripe.BalanceTransaction> = {};
      for (const id of wanted.ids) balanceTransactions[id] = generator.ledger.get(id)!;
      for (const bt of wanted.payoutId ? generator.ledger.listPayout(wanted.payoutId)! : []) balanceTransactions[bt.id] = bt;
      const result = stripeToCanonical(event, { balanceTransactions });
      expect(result.ignoredBecause, `${event.type} ${event.id}`).toBeUndefined();
      expect(result.events.length).toBeGreaterThan(0);
    }
  });

  it("books every Shopify order and refund", () => {
    const generator = new ShopifyEventGenerator({ seed: "normalise", shopDomain: SHOP });
    for (let i = 0; i < 300; i++) {
      const n = generator.next();
      const result = shopifyToCanonical({ topic: n.topic, body: parseShopifyJson(n.body), shopDomain: SHOP });
      expect(result.ignoredBecause, `${n.topic} ${n.webhookId}`).toBeUndefined();
      expect(result.events).toHaveLength(1);
    }
  });
});
