import { db } from "../db";
import type { EventSource } from "../db/generated/enums";

export type IgnoredEventCount = { source: EventSource; eventType: string; count: number; latestReason: string | null };

/**
 * How many of a workspace's stored events booked nothing, by source and event type, with the reason the latest
 * one was given (InboundEvent.error holds it for IGNORED events, as lib/ingest/normalise-inbound-event.ts writes
 * it). Most first. An ignored event is a decision, not a failure, so it opens no exception; this is what keeps
 * it from being silent: a type that suddenly counts thousands is there to see.
 */
export async function countIgnoredEvents(workspaceId: string, options: { since?: Date } = {}): Promise<IgnoredEventCount[]> {
  const where = { workspaceId, status: "IGNORED" as const, ...(options.since ? { receivedAt: { gte: options.since } } : {}) };
  const groups = await db.inboundEvent.groupBy({ by: ["source", "eventType"], where, _count: { _all: true } });
  const latest = await db.inboundEvent.findMany({
    where,
    distinct: ["source", "eventType"],
    orderBy: [{ source: "asc" }, { eventType: "asc" }, { receivedAt: "desc" }, { id: "desc" }],
    select: { source: true, eventType: true, error: true },
  });
  const reasons = new Map(latest.map((row) => [`${row.source}\u0000${row.eventType}`, row.error]));
  return groups
    .map((group) => ({
      source: group.source,
      eventType: group.eventType,
      count: group._count._all,
      latestReason: reasons.get(`${group.source}\u0000${group.eventType}`) ?? null,
    }))
    .sort((a, b) => b.count - a.count || a.source.localeCompare(b.source) || a.eventType.localeCompare(b.eventType));
}
