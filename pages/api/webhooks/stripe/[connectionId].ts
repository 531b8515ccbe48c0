import { receiveStripeWebhook } from "@/lib/ingest/receive-stripe";
import { webhookRoute } from "@/lib/ingest/webhook-route";

// POST /api/webhooks/stripe/[connectionId], on the lean path (lib/ingest/webhook-route.ts says why it is a Pages API route).
export const config = { api: { bodyParser: false } };

export default webhookRoute((incoming, param) => receiveStripeWebhook(incoming, param("connectionId")));
