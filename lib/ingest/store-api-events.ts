import type { Prisma } from "../db/generated/client";
import type { ApiEvent } from "../sources/api/schema";

export type AcceptedEvent = { index: number; id: string; externalId: string; type: string; status: "accepted" | "duplicate" };

/**
 * Stores API events as inbound events with their outbox rows, in the caller's transaction. An event whose
 * `type` and `id` were sent before (in any request) is a duplicate: it keeps its first inbound id and is not
 * enqueued again.
 */
export async function storeApiEvents(tx: Prisma.TransactionClient, workspaceId: string, events: ApiEvent[]): Promise<AcceptedEvent[]> {
  const rows = events.map((event) => ({
    workspaceId,
    source: "API" as const,
    externalId: `${event.type}:${event.id}`,
    eventType: event.type,
    payload: event as unknown as Prisma.InputJsonValue,
    occurredAt: new Date(event.occurred_at),
  }));
  const created = await tx.inboundEvent.createManyAndReturn({ data: rows, skipDuplicates: true, select: { id: true, externalId: true } });
  const fresh = new Map(created.map((row) => [row.externalId, row.id]));
  const missing = rows.filter((row) => !fresh.has(row.externalId)).map((row) => row.externalId);
  const earlier = missing.length
    ? new Map(
        (await tx.inboundEvent.findMany({ where: { workspaceId, source: "API", externalId: { in: missing } }, select: { id: true, externalId: true } })).map(
          (row) => [row.externalId, row.id],
        ),
      )
    : new Map<string, string>();
  if (created.length > 0) {
    await tx.outboxMessage.createMany({
      data: created.map((row) => ({
        id: `ingest/event.received:${row.id}`,
        workspaceId,
        eventName: "ingest/event.received",
        payload: { workspaceId, inboundEventId: row.id },
      })),
      skipDuplicates: true,
    });
  }
  const claimed = new Set<string>();
  return events.map((event, index) => {
    const externalId = `${event.type}:${event.id}`;
    // The same event twice in one request: the first is accepted, the second reported as its duplicate.
    const isFresh = fresh.has(externalId) && !claimed.has(externalId);
    claimed.add(externalId);
    return { index, id: fresh.get(externalId) ?? earlier.get(externalId)!, externalId: event.id, type: event.type, status: isFresh ? "accepted" : "duplicate" };
  });
}
