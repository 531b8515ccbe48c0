import { z } from "zod";
import { isStaleStripeSignature, STRIPE_TOLERANCE_SECONDS, verifyStripeSignature } from "../sources/stripe/verify-webhook";
import { parseJsonBody } from "./read-body";
import { receiveSourceWebhook, type SourceWebhookSpec } from "./receive-source-webhook";
import type { IncomingWebhook } from "./incoming-webhook";

// Only the envelope is checked here, on a projection of it (validating the whole event would copy it); the
// event's object is read by the normaliser in a job, so a Stripe API version with new fields is stored rather
// than refused.
const StripeEnvelopeSchema = z.object({
  id: z.string().regex(/^evt_[A-Za-z0-9_]{1,250}$/),
  type: z.string().min(1).max(200),
  created: z.number().int().nonnegative(),
  object: z.literal(true, { error: "data.object must be an object" }),
});

function envelopeOf(value: unknown): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
  const v = value as { id?: unknown; type?: unknown; created?: unknown; data?: { object?: unknown } };
  const object = typeof v.data === "object" && v.data !== null ? v.data.object : undefined;
  return { id: v.id, type: v.type, created: v.created, object: typeof object === "object" && object !== null && !Array.isArray(object) };
}

const STRIPE: SourceWebhookSpec = {
  kind: "STRIPE",
  signatureHeader: "stripe-signature",
  headers: [],
  verify: verifyStripeSignature,
  explainRefusal: (rawBody, signature, secrets) =>
    isStaleStripeSignature(rawBody, signature, secrets)
      ? `The stripe-signature header is signed with this connection's secret, but its timestamp is outside the tolerance of ${STRIPE_TOLERANCE_SECONDS / 60} minutes (a replayed delivery, or a clock that is off).`
      : undefined,
  parse(rawBody) {
    const json = parseJsonBody(rawBody);
    if (!json.ok) return { error: json.error };
    const envelope = StripeEnvelopeSchema.safeParse(envelopeOf(json.value));
    if (!envelope.success) {
      const issue = envelope.error.issues[0];
      return { error: `The body is not a Stripe event (${issue?.path.join(".") || "body"}: ${issue?.message ?? "unexpected shape"}).` };
    }
    const event = envelope.data;
    return { events: [{ externalId: event.id, eventType: event.type, payloadIsBody: true, occurredAt: new Date(event.created * 1000) }] };
  },
};

/** POST /api/webhooks/stripe/[connectionId]. */
export function receiveStripeWebhook(request: IncomingWebhook, connectionId: string) {
  return receiveSourceWebhook(request, connectionId, STRIPE);
}
