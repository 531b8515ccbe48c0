import { createHmac, randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import Stripe from "stripe";
import { DEMO_STRIPE_SOURCE } from "../lib/demo/demo-sources";
import { DEMO_QBO_VERIFIER_TOKEN } from "../lib/env";

// The webhook routes are Pages API routes (the lean path, lib/ingest/webhook-route.ts): this proves the
// production build serves them as the senders need. A signed delivery is stored once and answered 200, a copy
// is answered as a duplicate, a bad signature is a 401 with a code, and anything but POST is a 405.

const stripeUrl = `/api/webhooks/stripe/${DEMO_STRIPE_SOURCE.id}`;

function stripeEvent() {
  const id = `evt_e2e${randomUUID().replace(/-/g, "")}`;
  return JSON.stringify({ id, object: "event", type: "customer.created", created: Math.floor(Date.now() / 1000), livemode: false, data: { object: { id: `cus_${id.slice(7, 21)}`, object: "customer", email: "e2e@example.test" } } });
}

test("a signed Stripe delivery is stored once, its copy is a duplicate, a forged one is refused", async ({ request }) => {
  const body = stripeEvent();
  const headers = { "content-type": "application/json", "stripe-signature": Stripe.webhooks.generateTestHeaderString({ payload: body, secret: DEMO_STRIPE_SOURCE.webhookSecret }) };
  const first = await request.post(stripeUrl, { data: body, headers });
  expect(first.status()).toBe(200);
  expect(await first.json()).toEqual({ received: true, duplicate: false, events: 1 });

  const again = await request.post(stripeUrl, { data: body, headers });
  expect(await again.json()).toEqual({ received: true, duplicate: true, events: 0 });

  const forged = await request.post(stripeUrl, { data: body.replace("e2e@", "attacker@"), headers });
  expect(forged.status()).toBe(401);
  expect(await forged.json()).toMatchObject({ code: "SIGNATURE_INVALID", message: expect.stringContaining("stripe-signature") });
});

test("a signed QuickBooks notification is acknowledged, and a GET is told to POST", async ({ request }) => {
  const body = JSON.stringify({
    eventNotifications: [{ realmId: "9130355000000099", dataChangeEvent: { entities: [{ name: "Invoice", id: randomUUID(), operation: "Create", lastUpdated: new Date().toISOString() }] } }],
  });
  const signature = createHmac("sha256", DEMO_QBO_VERIFIER_TOKEN).update(body).digest("base64");
  const answer = await request.post("/api/webhooks/quickbooks", { data: body, headers: { "content-type": "application/json", "intuit-signature": signature } });
  expect(answer.status()).toBe(200);
  expect(await answer.json()).toMatchObject({ received: true, duplicate: false });

  const get = await request.get("/api/webhooks/quickbooks");
  expect(get.status()).toBe(405);
  expect(get.headers()["allow"]).toBe("POST");
  expect(await get.json()).toMatchObject({ code: "METHOD_NOT_ALLOWED" });
});
