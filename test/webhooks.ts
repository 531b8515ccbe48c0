import { createHmac, randomUUID } from "node:crypto";
import Stripe from "stripe";
import { createSourceConnection } from "../lib/sources/create-source-connection";
import type { SourceKind } from "../lib/db/generated/enums";
import { sendToWebhookRoutes } from "./webhook-server";

// Signed webhook requests as Intuit, Stripe and Shopify send them, delivered over HTTP to the real route handlers.

const ORIGIN = "http://localhost:3000";

export function intuitSignature(body: string | Uint8Array, token: string): string {
  return createHmac("sha256", token).update(body).digest("base64");
}

export function quickBooksRequest(body: string | Uint8Array, signature: string | null): Request {
  const headers = new Headers({ "content-type": "application/json" });
  if (signature !== null) headers.set("intuit-signature", signature);
  return new Request(`${ORIGIN}/api/webhooks/quickbooks`, { method: "POST", headers, body: body as BodyInit });
}

export function stripeSignature(body: string, secret: string, timestamp?: number): string {
  return Stripe.webhooks.generateTestHeaderString({ payload: body, secret, ...(timestamp ? { timestamp } : {}) });
}

export function stripeRequest(connectionId: string, body: string | Uint8Array, signature: string | null): Request {
  const headers = new Headers({ "content-type": "application/json" });
  if (signature !== null) headers.set("stripe-signature", signature);
  return new Request(`${ORIGIN}/api/webhooks/stripe/${connectionId}`, { method: "POST", headers, body: body as BodyInit });
}

export type ShopifyHeaders = { topic?: string; webhookId?: string; shop?: string };

export function shopifyRequest(connectionId: string, body: string | Uint8Array, signature: string | null, h: ShopifyHeaders = {}): Request {
  const headers = new Headers({ "content-type": "application/json" });
  if (signature !== null) headers.set("x-shopify-hmac-sha256", signature);
  if (h.topic !== "") headers.set("x-shopify-topic", h.topic ?? "orders/paid");
  if (h.webhookId !== "") headers.set("x-shopify-webhook-id", h.webhookId ?? randomUUID());
  if (h.shop) headers.set("x-shopify-shop-domain", h.shop);
  return new Request(`${ORIGIN}/api/webhooks/shopify/${connectionId}`, { method: "POST", headers, body: body as BodyInit });
}

// The connection id is in the request's path already; the parameter keeps call sites saying whose webhook it is.
export const deliver = {
  quickBooks: (request: Request) => sendToWebhookRoutes(request),
  stripe: (request: Request, _connectionId: string) => sendToWebhookRoutes(request),
  shopify: (request: Request, _connectionId: string) => sendToWebhookRoutes(request),
};

/** A source connection with fresh secrets in a workspace. */
export async function createTestSource(workspaceId: string, kind: SourceKind, extra: { externalAccountId?: string; apiKey?: string } = {}) {
  const webhookSecret = kind === "STRIPE" ? `whsec_${randomUUID().replace(/-/g, "")}` : `shpss_${randomUUID().replace(/-/g, "")}`;
  const connection = await createSourceConnection(
    { tenantId: workspaceId, actor: { type: "SYSTEM", label: "test" } },
    { kind, name: `${kind} test`, ...extra, secrets: { webhookSecrets: [webhookSecret], ...(extra.apiKey ? { apiKey: extra.apiKey } : {}) } },
  );
  return { connection, webhookSecret };
}
