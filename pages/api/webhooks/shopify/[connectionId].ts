import { receiveShopifyWebhook } from "@/lib/ingest/receive-shopify";
import { webhookRoute } from "@/lib/ingest/webhook-route";

// POST /api/webhooks/shopify/[connectionId], on the lean path (lib/ingest/webhook-route.ts says why it is a Pages API route).
export const config = { api: { bodyParser: false } };

export default webhookRoute((incoming, param) => receiveShopifyWebhook(incoming, param("connectionId")));
