import { randomBytes } from "node:crypto";
import type { EventSource, SourceKind } from "../db/generated/enums";
import { AppError } from "../errors/app-error";
import { getWebhookConnection, type WebhookConnection } from "../sources/source-connection";
import type { IncomingWebhook } from "./incoming-webhook";
import { keptHeaders } from "./read-body";
import { recordDelivery } from "./record-delivery";
import { countRejection } from "./rejections";
import type { WebhookAnswer } from "./receive-quickbooks";
import type { InboundInput } from "./store-deliveries";
import { MAX_WEBHOOK_BYTES } from "./webhook-limits";

// The shape every source webhook route shares (CONVENTIONS.md, habit 9): raw bytes -> the connection's secrets
// -> signature (constant time) -> parse -> store durably with the outbox row -> 200. Nothing is stored for a
// bad signature or an unknown connection (only counted; both are answered alike); a signed body that does not parse is stored for inspection and answered 400.

export type SourceWebhookSpec = {
  kind: SourceKind & EventSource;
  /** Header holding the signature, named in the error a sender sees. */
  signatureHeader: string;
  /** Headers kept with the delivery (never credentials). */
  headers: readonly string[];
  verify: (rawBody: Uint8Array, signature: string, secrets: readonly string[]) => boolean;
  /** After a failed verify: a more precise reason than "does not match" (Stripe: a right signature, too old). */
  explainRefusal?: (rawBody: Uint8Array, signature: string, secrets: readonly string[]) => string | undefined;
  /** Verified bytes -> the events they carry, or the reason they cannot be read. */
  parse: (rawBody: Uint8Array, request: IncomingWebhook, connection: WebhookConnection) => { events: InboundInput[] } | { error: string };
  /** Headers that, with the bytes, make a delivery distinct (see DeliveryInput.distinctBy). */
  distinctBy?: readonly string[];
};

// Stands in for the secrets of a connection that does not exist, so an unknown id goes through the same reading
// and HMAC work as a known one and fails the same check: answering it differently (a 404, or faster) would let
// anyone probe which connection ids exist. Random per process, so nothing can ever be signed with it.
const NO_CONNECTION_SECRETS = [`whsec_${randomBytes(24).toString("hex")}`];

export async function receiveSourceWebhook(request: IncomingWebhook, connectionId: string, spec: SourceWebhookSpec): Promise<WebhookAnswer> {
  const connection = await getWebhookConnection(connectionId, spec.kind);
  const scope = connection?.id ?? null;
  const rawBody = await request.body(MAX_WEBHOOK_BYTES).catch((error: unknown) => {
    countRejection(spec.kind, scope, "TOO_LARGE");
    throw error;
  });
  const signature = request.header(spec.signatureHeader);
  if (!signature) {
    countRejection(spec.kind, scope, connection ? "SIGNATURE_MISSING" : "CONNECTION_NOT_FOUND");
    throw new AppError("SIGNATURE_INVALID", `The ${spec.signatureHeader} header is missing.`);
  }
  const verified = spec.verify(rawBody, signature, connection?.secrets.webhookSecrets ?? NO_CONNECTION_SECRETS);
  if (!connection || !verified) {
    countRejection(spec.kind, scope, connection ? "SIGNATURE_INVALID" : "CONNECTION_NOT_FOUND");
    // Only for a connection that exists: a stale signature is a matter of the sender's clock or a replay.
    const why = connection && spec.explainRefusal?.(rawBody, signature, connection.secrets.webhookSecrets);
    throw new AppError("SIGNATURE_INVALID", why || `The ${spec.signatureHeader} header does not match the body for this connection's signing secret.`);
  }

  const parsed = spec.parse(rawBody, request, connection);
  const parseError = "error" in parsed ? parsed.error : null;
  const result = await recordDelivery({
    source: spec.kind,
    sourceConnectionId: connection.id,
    headers: keptHeaders(request, [spec.signatureHeader, ...spec.headers]),
    rawBody,
    parseError,
    distinctBy: (spec.distinctBy ?? []).map((name) => request.header(name) ?? "").join("\n"),
    events: "events" in parsed ? parsed.events.map((e) => ({ ...e, workspaceId: connection.workspaceId })) : [],
  });
  if (parseError) throw new AppError("BAD_REQUEST", `${parseError} The delivery was kept for inspection.`, { stored: result.stored });
  return { status: 200, body: { received: true, duplicate: !result.stored, events: result.newEvents } };
}
