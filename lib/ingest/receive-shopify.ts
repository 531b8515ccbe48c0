import { parseShopifyJson } from "../sources/shopify/parse-shopify-json";
import { verifyShopifyHmac } from "../sources/shopify/verify-webhook";
import { parseJsonBody } from "./read-body";
import { receiveSourceWebhook, type SourceWebhookSpec } from "./receive-source-webhook";
import type { IncomingWebhook } from "./incoming-webhook";

const WEBHOOK_ID = /^[A-Za-z0-9_.:-]{1,200}$/;
const TOPIC = /^[a-z_]+\/[a-z_]+$/;

const SHOPIFY: SourceWebhookSpec = {
  kind: "SHOPIFY",
  signatureHeader: "x-shopify-hmac-sha256",
  headers: ["x-shopify-topic", "x-shopify-webhook-id", "x-shopify-shop-domain", "x-shopify-triggered-at", "x-shopify-api-version", "x-shopify-event-id"],
  verify: verifyShopifyHmac,
  distinctBy: ["x-shopify-topic", "x-shopify-webhook-id"],
  parse(rawBody, request, connection) {
    const topic = request.header("x-shopify-topic") ?? "";
    const webhookId = request.header("x-shopify-webhook-id") ?? "";
    const shop = request.header("x-shopify-shop-domain");
    if (!TOPIC.test(topic)) return { error: "The X-Shopify-Topic header is missing or not a topic such as orders/paid." };
    // X-Shopify-Webhook-Id is the same on every retry of one notification: it is the deduplication key.
    if (!WEBHOOK_ID.test(webhookId)) return { error: "The X-Shopify-Webhook-Id header is missing or malformed." };
    if (connection.externalAccountId && shop && shop !== connection.externalAccountId) {
      return { error: `This webhook is for the shop ${shop.slice(0, 100)}, but the connection is for ${connection.externalAccountId}.` };
    }
    // Ids beyond 2^53 stay exact: long integers are kept as strings (parse-shopify-json.ts).
    const json = parseJsonBody(rawBody, parseShopifyJson);
    if (!json.ok) return { error: json.error };
    if (typeof json.value !== "object" || json.value === null || Array.isArray(json.value)) return { error: "The body is not a JSON object." };
    const triggeredAt = new Date(request.header("x-shopify-triggered-at") ?? "");
    return {
      events: [{ externalId: webhookId, eventType: topic, payloadIsBody: true, occurredAt: Number.isNaN(triggeredAt.getTime()) ? null : triggeredAt }],
    };
  },
};

/** POST /api/webhooks/shopify/[connectionId]. */
export function receiveShopifyWebhook(request: IncomingWebhook, connectionId: string) {
  return receiveSourceWebhook(request, connectionId, SHOPIFY);
}
