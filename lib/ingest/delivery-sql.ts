import { createHash, randomUUID } from "node:crypto";
import type { EventSource } from "../db/generated/enums";

// Storing a webhook delivery is ONE SQL statement: the raw delivery, its inbound events (routed to workspaces)
// and their outbox rows commit together or not at all, so a crash after the commit loses nothing (the outbox
// dispatcher sends what is pending) and a crash before it leaves nothing half-stored (the sender retries).
// Unique keys make it idempotent: the same bytes again match the delivery's dedupKey, the same source event in
// other bytes matches (workspaceId, source, externalId), and the statement then inserts nothing new. Stripe and
// Shopify events go on to be normalised (ingest/event.received); QuickBooks notifications feed the mirror of
// what changed in QuickBooks (qbo/notification.received). Several deliveries can share one statement (group
// commit). This file has no database client, so the ingest benchmark's bare node:http reference runs the very
// same statement.

export type InboundInput = {
  /** The source's id for the event (Stripe evt_…, X-Shopify-Webhook-Id, the QuickBooks notification's key). */
  externalId: string;
  eventType: string;
  occurredAt: Date | null;
  /** Known for Stripe and Shopify (from the connection). */
  workspaceId?: string;
  /** QuickBooks: routed in SQL to each workspace with this company connected; none leaves it UNROUTED. */
  realmId?: string;
} & (
  | { payload: unknown }
  /**
   * The event is the delivery's whole body (Stripe, Shopify): it is stored once, as the signed bytes, and
   * InboundEvent.payload stays null (lib/ingest/inbound-payload.ts reads it back).
   */
  | { payloadIsBody: true }
);

export type DeliveryInput = {
  source: EventSource;
  sourceConnectionId: string | null;
  headers: Record<string, string>;
  rawBody: Uint8Array;
  /** Set when the body was signed but did not parse: the delivery is kept for inspection, with no events. */
  parseError: string | null;
  /**
   * What besides the bytes makes a delivery distinct: Shopify sends orders/create and orders/paid with the same
   * body, told apart only by their topic and X-Shopify-Webhook-Id headers.
   */
  distinctBy?: string;
  events: InboundInput[];
};

export type DeliveryResult = {
  /** False when these exact bytes had been received before (nothing new was written). */
  stored: boolean;
  /** Inbound events written by this delivery (0 for duplicates of events already stored). */
  newEvents: number;
  /** Of those, how many no workspace claims (QuickBooks companies not connected here). */
  unrouted: number;
};

/**
 * A refused delivery (signed, but unreadable or not for this connection) has a key of its own: it must not count
 * as seen, or its corrected resend (the same bytes, topic and X-Shopify-Webhook-Id, the right shop) would
 * collapse into it and never be ingested. Repeats of the same refusal are still kept once.
 */
export function deliveryDedupKey(source: EventSource, sourceConnectionId: string | null, rawBody: Uint8Array, distinctBy = "", refused = false): string {
  const hash = createHash("sha256").update(distinctBy).update("\n").update(rawBody).digest("hex");
  return `${refused ? "refused:" : ""}${source}:${sourceConnectionId ?? "-"}:${hash}`;
}

export const STORE_DELIVERIES_SQL = `
WITH input AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb)
    AS x(k int, id text, "dedupKey" text, source text, "sourceConnectionId" text, headers jsonb, body text, "parseError" text)
),
delivery AS (
  INSERT INTO "WebhookDelivery" (id, "dedupKey", source, "sourceConnectionId", headers, "rawBody", "signatureValid", "parseError")
  SELECT id, "dedupKey", source::"EventSource", "sourceConnectionId", headers, decode(body, 'base64'), true, "parseError"
  FROM input ORDER BY k
  ON CONFLICT ("dedupKey") DO NOTHING
  RETURNING id
),
event AS (
  SELECT e.* FROM jsonb_to_recordset($2::jsonb)
    AS e(k int, "deliveryId" text, "workspaceId" text, "realmId" text, source text, "sourceConnectionId" text,
         "externalId" text, "eventType" text, payload jsonb, "occurredAt" timestamptz)
  JOIN delivery d ON d.id = e."deliveryId"
),
routed AS (
  SELECT e.*, e."workspaceId" AS ws FROM event e WHERE e."realmId" IS NULL
  UNION ALL
  SELECT e.*, c."workspaceId" AS ws FROM event e
  LEFT JOIN LATERAL (
    SELECT DISTINCT q."workspaceId" FROM "QboConnection" q WHERE q."realmId" = e."realmId" AND q.status <> 'DISCONNECTED'
  ) c ON true
  WHERE e."realmId" IS NOT NULL
),
inbound AS (
  INSERT INTO "InboundEvent" (id, "workspaceId", source, "sourceConnectionId", "deliveryId", "externalId", "eventType", payload, status, "occurredAt")
  SELECT gen_random_uuid()::text, ws, source::"EventSource", "sourceConnectionId", "deliveryId", "externalId", "eventType", payload,
         (CASE WHEN ws IS NULL THEN 'UNROUTED' ELSE 'RECEIVED' END)::"InboundEventStatus", "occurredAt"
  FROM routed ORDER BY k
  ON CONFLICT ("workspaceId", source, "externalId") DO NOTHING
  RETURNING id, "workspaceId", status, "deliveryId", source
),
named AS (
  SELECT i.*, (CASE WHEN i.source = 'QUICKBOOKS' THEN 'qbo/notification.received' ELSE 'ingest/event.received' END) AS "eventName"
  FROM inbound i WHERE i.status = 'RECEIVED'
),
outbox AS (
  INSERT INTO "OutboxMessage" (id, "workspaceId", "eventName", payload)
  SELECT "eventName" || ':' || id, "workspaceId", "eventName", jsonb_build_object('workspaceId', "workspaceId", 'inboundEventId', id)
  FROM named
  ON CONFLICT (id) DO NOTHING
)
SELECT d.id, count(i.id)::int AS "newEvents", count(i.id) FILTER (WHERE i.status = 'UNROUTED')::int AS unrouted
FROM delivery d LEFT JOIN inbound i ON i."deliveryId" = d.id
GROUP BY d.id`;


export type DeliveryRow = { id: string; newEvents: number; unrouted: number };

/** The statement's two parameters for these deliveries, and the delivery ids in input order. */
export function storeDeliveriesParams(deliveries: DeliveryInput[]): { ids: string[]; params: [string, string] } {
  const ids = deliveries.map(() => randomUUID());
  const rows = deliveries.map((d, k) => ({
    k,
    id: ids[k],
    dedupKey: deliveryDedupKey(d.source, d.sourceConnectionId, d.rawBody, d.distinctBy, d.parseError !== null),
    source: d.source,
    sourceConnectionId: d.sourceConnectionId,
    headers: d.headers,
    body: Buffer.from(d.rawBody).toString("base64"),
    // A parser's message may quote the bad input, NUL and lone surrogates included, which jsonb refuses.
    parseError: d.parseError === null ? null : d.parseError.replace(/[\u0000-\u001f\ud800-\udfff]/g, "\ufffd").slice(0, 1000),
  }));
  const events = deliveries.flatMap((d, k) =>
    d.events.map((e, n) => {
      const fields = JSON.stringify({
        k: k * 100_000 + n,
        deliveryId: ids[k],
        workspaceId: e.workspaceId ?? null,
        realmId: e.realmId ?? null,
        source: d.source,
        sourceConnectionId: d.sourceConnectionId,
        externalId: e.externalId,
        eventType: e.eventType,
        occurredAt: e.occurredAt?.toISOString() ?? null,
      });
      return `${fields.slice(0, -1)},"payload":${"payloadIsBody" in e ? "null" : JSON.stringify(e.payload)}}`;
    }),
  );
  return { ids, params: [JSON.stringify(rows), `[${events.join(",")}]`] };
}

/** Results in input order: a delivery not returned by the statement was a duplicate of stored bytes. */
export function deliveryResults(ids: string[], rows: DeliveryRow[]): DeliveryResult[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => {
    const row = byId.get(id);
    return row ? { stored: true, newEvents: row.newEvents, unrouted: row.unrouted } : { stored: false, newEvents: 0, unrouted: 0 };
  });
}
