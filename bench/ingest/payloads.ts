// Signed deliveries, one unique event each, shaped like the real ones (test/payloads): a QuickBooks legacy
// notification for one Invoice change, and a Stripe charge.succeeded event wrapping Stripe's fixture charge.
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import Stripe from "stripe";
import type { Delivery } from "./load";

export const QBO_TOKEN = "bench-verifier-token-0001";
export const STRIPE_SECRET = "whsec_bench_secret_0001";
export const REALM = "4620816365000000";

const payloads = path.resolve(import.meta.dirname, "../../test/payloads/stripe");
const charge = JSON.parse(readFileSync(path.join(payloads, "charge.json"), "utf8")) as Record<string, unknown>;
const envelope = JSON.parse(readFileSync(path.join(payloads, "event.json"), "utf8")) as Record<string, unknown>;
const run = Date.now().toString(36);
const LAST_UPDATED = "2026-11-21T00:00:00.000Z";

export function qboDelivery(urlPath: string, n: number): Delivery {
  const entityId = `${run}${n}`;
  const body = JSON.stringify({
    eventNotifications: [{ realmId: REALM, dataChangeEvent: { entities: [{ name: "Invoice", id: entityId, operation: "Create", lastUpdated: LAST_UPDATED }] } }],
  });
  const signature = createHmac("sha256", QBO_TOKEN).update(body).digest("base64");
  return { path: urlPath, headers: { "intuit-signature": signature }, body, id: `legacy:${REALM}:Invoice:${entityId}:Create:${LAST_UPDATED}` };
}

export function stripeDelivery(urlPath: string, n: number): Delivery {
  const id = `evt_bench${run}${n}`;
  const body = JSON.stringify({ ...envelope, id, type: "charge.succeeded", data: { object: { ...charge, id: `ch_bench${run}${n}`, captured: true } } });
  const signature = Stripe.webhooks.generateTestHeaderString({ payload: body, secret: STRIPE_SECRET });
  return { path: urlPath, headers: { "stripe-signature": signature }, body, id };
}
