import { randomBytes, randomUUID } from "node:crypto";
import Stripe from "stripe";
import { hmacSha256Base64 } from "../../crypto";

// The test delivery "Send a test event" posts: signed exactly as Stripe or Shopify sign theirs, with the
// connection's newest secret, and of a type the normalisers do not book (their default branch answers "ignored"),
// so it proves the URL, the secret and the storage end to end and changes nothing in the accounts. The types are
// our own, namespaced, so nobody mistakes one for something Stripe or Shopify sent.

export const STRIPE_TEST_EVENT_TYPE = "ledgerwire.test_event";
export const SHOPIFY_TEST_TOPIC = "ledgerwire/test_event";

export type TestDelivery = { externalId: string; eventType: string; body: string; headers: () => Record<string, string> };

export function stripeTestDelivery(secret: string, now = new Date()): TestDelivery {
  const id = `evt_test_${randomBytes(12).toString("hex")}`;
  const body = JSON.stringify({
    id,
    object: "event",
    type: STRIPE_TEST_EVENT_TYPE,
    created: Math.floor(now.getTime() / 1000),
    livemode: false,
    data: { object: { object: "ledgerwire_test", note: "Sent by Ledgerwire's Send a test event button. It books nothing." } },
  });
  // A new signature per attempt, as Stripe makes one: its timestamp must be within five minutes.
  return { externalId: id, eventType: STRIPE_TEST_EVENT_TYPE, body, headers: () => ({ "content-type": "application/json", "stripe-signature": Stripe.webhooks.generateTestHeaderString({ payload: body, secret }) }) };
}

export function shopifyTestDelivery(secret: string, shopDomain: string | null, now = new Date()): TestDelivery {
  const webhookId = randomUUID();
  const body = JSON.stringify({ test: true, note: "Sent by Ledgerwire's Send a test event button. It books nothing." });
  const headers = {
    "content-type": "application/json",
    "x-shopify-topic": SHOPIFY_TEST_TOPIC,
    "x-shopify-webhook-id": webhookId,
    "x-shopify-triggered-at": now.toISOString(),
    "x-shopify-hmac-sha256": hmacSha256Base64(secret, new TextEncoder().encode(body)),
    ...(shopDomain ? { "x-shopify-shop-domain": shopDomain } : {}),
  };
  return { externalId: webhookId, eventType: SHOPIFY_TEST_TOPIC, body, headers: () => headers };
}
