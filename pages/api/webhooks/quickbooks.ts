import { receiveQuickBooksWebhook } from "@/lib/ingest/receive-quickbooks";
import { webhookRoute } from "@/lib/ingest/webhook-route";

// POST /api/webhooks/quickbooks, on the lean path (lib/ingest/webhook-route.ts says why it is a Pages API route).
export const config = { api: { bodyParser: false } };

export default webhookRoute((incoming) => receiveQuickBooksWebhook(incoming));
