import { db } from "../../db";

// What a source has sent lately, as its card shows it: the last stored delivery and what became of it, and the
// deliveries refused, with the reason in words. Refusals come from two places: bad or missing signatures are only
// counted, per day (IngestRejection, lib/ingest/rejections.ts, flushed every few seconds), while a signed delivery
// that could not be read is kept with its parse error (WebhookDelivery.parseError).

export type LastDelivery = { receivedAt: Date; eventType: string | null; result: "stored" | "normalised" | "ignored" | "failed" | "unreadable"; detail: string | null };
export type Refusal = { at: Date; count: number; reason: string; text: string };
export type SourceActivity = { lastDelivery: LastDelivery | null; refusals: Refusal[] };

const REFUSAL_TEXT: Record<string, string> = {
  SIGNATURE_INVALID: "The signature did not match any of this source's signing secrets (a wrong or retired secret).",
  SIGNATURE_MISSING: "The delivery carried no signature header, so it was not sent by the source itself (or a proxy removed it).",
  TOO_LARGE: "The body was larger than the webhook size limit.",
};
const RECENT_DAYS = 7;
const MAX_REFUSALS = 8;

export async function readSourceActivity(sources: { id: string; kind: string }[]): Promise<Map<string, SourceActivity>> {
  const since = new Date(Date.now() - RECENT_DAYS * 86_400_000);
  const ids = sources.map((s) => s.id);
  const [counted, entries] = await Promise.all([
    db.ingestRejection.findMany({ where: { scope: { in: ids }, day: { gte: since } }, orderBy: { lastAt: "desc" } }),
    Promise.all(ids.map((id) => readDeliveries(id, since))),
  ]);
  const result = new Map<string, SourceActivity>();
  ids.forEach((id, index) => {
    const { last, unreadable } = entries[index]!;
    const refusals: Refusal[] = [
      ...counted.filter((r) => r.scope === id).map((r) => ({ at: r.lastAt, count: r.count, reason: r.reason, text: REFUSAL_TEXT[r.reason] ?? r.reason })),
      ...unreadable.map((d) => ({ at: d.receivedAt, count: 1, reason: "UNREADABLE", text: d.parseError ?? "" })),
    ]
      .sort((a, b) => b.at.getTime() - a.at.getTime())
      .slice(0, MAX_REFUSALS);
    result.set(id, { lastDelivery: last, refusals });
  });
  return result;
}

async function readDeliveries(sourceConnectionId: string, since: Date) {
  const [latest, unreadable] = await Promise.all([
    db.webhookDelivery.findFirst({
      where: { sourceConnectionId },
      orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
      select: { receivedAt: true, parseError: true, headers: true, inboundEvents: { take: 1, select: { eventType: true, status: true, error: true } } },
    }),
    db.webhookDelivery.findMany({
      where: { sourceConnectionId, parseError: { not: null }, receivedAt: { gte: since } },
      orderBy: { receivedAt: "desc" },
      take: MAX_REFUSALS,
      select: { receivedAt: true, parseError: true },
    }),
  ]);
  return { last: latest ? describeDelivery(latest) : null, unreadable };
}

function describeDelivery(delivery: {
  receivedAt: Date;
  parseError: string | null;
  headers: unknown;
  inboundEvents: { eventType: string; status: string; error: string | null }[];
}): LastDelivery {
  const event = delivery.inboundEvents[0];
  const topic = (delivery.headers as Record<string, unknown> | null)?.["x-shopify-topic"];
  const eventType = event?.eventType ?? (typeof topic === "string" ? topic : null);
  if (delivery.parseError) return { receivedAt: delivery.receivedAt, eventType, result: "unreadable", detail: delivery.parseError };
  switch (event?.status) {
    case "NORMALISED":
      return { receivedAt: delivery.receivedAt, eventType, result: "normalised", detail: null };
    case "IGNORED":
      return { receivedAt: delivery.receivedAt, eventType, result: "ignored", detail: event.error };
    case "FAILED":
      return { receivedAt: delivery.receivedAt, eventType, result: "failed", detail: event.error };
    default:
      return { receivedAt: delivery.receivedAt, eventType, result: "stored", detail: null };
  }
}
