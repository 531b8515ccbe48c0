import { env } from "../env";
import { AppError } from "../errors/app-error";
import { isReferenceEntity, invalidateReferenceData } from "../qbo/client/reference-cache";
import { NotificationParseError, parseQboNotifications, type QboNotification } from "../qbo/webhooks/parse-notifications";
import { verifyIntuitSignature } from "../qbo/webhooks/verify-signature";
import type { IncomingWebhook } from "./incoming-webhook";
import { keptHeaders, parseJsonBody } from "./read-body";
import { recordDelivery } from "./record-delivery";
import { countRejection } from "./rejections";
import { MAX_WEBHOOK_BYTES } from "./webhook-limits";

export type WebhookAnswer = { status: number; body: { received: true; duplicate: boolean; events: number } };

/**
 * POST /api/webhooks/quickbooks. QuickBooks wants a 200 within 3 seconds and holds later notifications behind
 * a failed one, so this only verifies, stores and enqueues; the work happens in jobs. A company no workspace
 * has connected is stored as UNROUTED and still acknowledged (refusing it would stall every other company).
 */
export async function receiveQuickBooksWebhook(request: IncomingWebhook): Promise<WebhookAnswer> {
  const tokens = env().qboWebhookVerifierTokens;
  if (tokens.length === 0) {
    countRejection("QUICKBOOKS", null, "NOT_CONFIGURED");
    throw new AppError("UNAVAILABLE", "QuickBooks webhooks are not configured on this server: set QBO_WEBHOOK_VERIFIER_TOKEN to the Intuit app's verifier token.");
  }
  const rawBody = await request.body(MAX_WEBHOOK_BYTES).catch((error: unknown) => {
    countRejection("QUICKBOOKS", null, "TOO_LARGE");
    throw error;
  });
  const signature = request.header("intuit-signature");
  if (!signature) {
    countRejection("QUICKBOOKS", null, "SIGNATURE_MISSING");
    throw new AppError("SIGNATURE_INVALID", "The intuit-signature header is missing.");
  }
  if (!verifyIntuitSignature(rawBody, signature, tokens)) {
    countRejection("QUICKBOOKS", null, "SIGNATURE_INVALID");
    throw new AppError("SIGNATURE_INVALID", "The intuit-signature header does not match the body for this app's verifier token.");
  }

  const headers = keptHeaders(request, ["intuit-signature", "intuit-t-id", "intuit-created-time"]);
  const parsed = parseJsonBody(rawBody);
  let notifications: QboNotification[] = [];
  let parseError = parsed.ok ? null : parsed.error;
  if (parsed.ok) {
    try {
      notifications = parseQboNotifications(parsed.value);
    } catch (error) {
      if (!(error instanceof NotificationParseError)) throw error;
      parseError = error.message;
    }
  }

  const result = await recordDelivery({
    source: "QUICKBOOKS",
    sourceConnectionId: null,
    headers,
    rawBody,
    parseError,
    events: notifications.map((n) => ({
      externalId: n.key,
      eventType: `${n.entity}.${n.operation}`,
      payload: { ...n, occurredAt: n.occurredAt.toISOString() },
      occurredAt: n.occurredAt,
      realmId: n.realmId,
    })),
  });
  if (parseError) {
    throw new AppError("BAD_REQUEST", `${parseError} The delivery was kept for inspection.`, { stored: result.stored });
  }
  // The mapping screens list accounts, items and tax codes from a cache: an accountant's edit shows at once.
  for (const n of notifications) {
    if (isReferenceEntity(n.entity)) invalidateReferenceData(n.realmId, n.entity);
  }
  return { status: 200, body: { received: true, duplicate: !result.stored, events: result.newEvents } };
}
