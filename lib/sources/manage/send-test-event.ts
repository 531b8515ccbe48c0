import { recordAudit } from "../../audit/record-audit";
import { db } from "../../db";
import { env } from "../../env";
import { AppError } from "../../errors/app-error";
import { auditedBy } from "../../tenancy/actor";
import type { WorkspaceContext } from "../../tenancy/with-workspace";
import { webhookUrlFor } from "./list-sources";
import { assertNotDisconnected, lockSource } from "./source-secrets";
import { shopifyTestDelivery, stripeTestDelivery, type TestDelivery } from "./test-delivery";

export type TestEventResult =
  | { arrived: true; status: number; eventType: string; externalId: string; receivedAt: Date; inboundEventId: string }
  | { arrived: false; status: number | null; eventType: string; externalId: string; message: string };

// Webhook routes keep a connection's secrets for up to 10 s per process (lib/sources/source-connection.ts), so
// a test sent right after a secret changed may meet the old list in another process: it is sent once more then.
const CACHE_SECONDS = 11;
const TIMEOUT_MS = 10_000;

/**
 * Posts a correctly signed test delivery to this source's own webhook URL (APP_URL, the URL Stripe or Shopify
 * are given, so the whole public path is tried) and reports whether it was stored. The event is of a type the
 * normaliser ignores, so it books nothing. Audited, whatever the answer.
 */
export async function sendTestEvent(ctx: WorkspaceContext, sourceId: string, options: { appUrl?: string; wait?: (ms: number) => Promise<void> } = {}): Promise<TestEventResult> {
  const source = await db.$transaction((tx) => lockSource(tx, ctx.tenantId, sourceId));
  assertNotDisconnected(source);
  if (source.kind === "API") throw new AppError("CONFLICT", "The events API has no webhook to test: send an event with an API key instead (see /docs/api).");
  if (source.awaitingWebhookSecret) throw new AppError("CONFLICT", "Paste the signing secret from Stripe first: until then this source refuses every delivery.");
  const row = await db.sourceConnection.findFirstOrThrow({ where: { id: source.id }, select: { externalAccountId: true, updatedAt: true } });
  const secret = source.secrets.webhookSecrets[0]!;
  const delivery = source.kind === "STRIPE" ? stripeTestDelivery(secret) : shopifyTestDelivery(secret, row.externalAccountId);
  const url = webhookUrlFor(source.kind, source.id, options.appUrl ?? env().appUrl);

  let answer = await post(url, delivery);
  const sinceChange = Date.now() - row.updatedAt.getTime();
  if (answer.status === 401 && sinceChange < CACHE_SECONDS * 1000) {
    await (options.wait ?? sleep)(CACHE_SECONDS * 1000 - sinceChange);
    answer = await post(url, delivery);
  }

  const stored =
    answer.status === 200
      ? await db.inboundEvent.findFirst({
          where: { workspaceId: ctx.tenantId, sourceConnectionId: source.id, externalId: delivery.externalId },
          select: { id: true, receivedAt: true },
        })
      : null;
  const result: TestEventResult = stored
    ? { arrived: true, status: 200, eventType: delivery.eventType, externalId: delivery.externalId, receivedAt: stored.receivedAt, inboundEventId: stored.id }
    : {
        arrived: false,
        status: answer.status,
        eventType: delivery.eventType,
        externalId: delivery.externalId,
        message: answer.message ?? `The webhook route answered ${answer.status ?? "nothing"}, and the event was not stored.`,
      };
  await recordAudit(db, {
    ...auditedBy(ctx.tenantId, ctx.user, ctx),
    action: "source.connection.test_event_sent",
    target: { type: "SourceConnection", id: source.id },
    after: { eventType: delivery.eventType, externalId: delivery.externalId, status: answer.status, arrived: result.arrived },
  });
  return result;
}

async function post(url: string, delivery: TestDelivery): Promise<{ status: number | null; message?: string }> {
  try {
    const response = await fetch(url, { method: "POST", headers: delivery.headers(), body: delivery.body, signal: AbortSignal.timeout(TIMEOUT_MS), redirect: "manual" });
    const body = (await response.json().catch(() => ({}))) as { message?: unknown };
    return { status: response.status, ...(typeof body.message === "string" ? { message: `The webhook route answered ${response.status}: ${body.message}` } : {}) };
  } catch (error) {
    const reason = error instanceof Error && error.name === "TimeoutError" ? "it did not answer within 10 seconds" : "the connection failed";
    return { status: null, message: `Could not reach ${url} from the server (${reason}). Check that APP_URL is the address this app is reached at.` };
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
