import { db } from "../db";
import type { EventSource } from "../db/generated/enums";
import type { DeriveOptions } from "./derive-canonical";
import { normaliseInboundEvent } from "./normalise-inbound-event";

export type ReplayOptions = DeriveOptions & { workspaceId: string; since?: Date; source?: EventSource; onProgress?: (done: number) => void };
export type ReplayReport = { events: number; created: number; updated: number; unchanged: number; ignored: number; failed: number; errors: string[] };

/**
 * Re-derives canonical events from the stored raw events of a workspace (after a normaliser fix, or to check
 * one). Raw events are immutable, and canonical events are keyed by business identity, so a replay updates
 * what is still pending, leaves what was posted, and never creates a second row for the same thing.
 */
export async function replayInboundEvents(options: ReplayOptions): Promise<ReplayReport> {
  const report: ReplayReport = { events: 0, created: 0, updated: 0, unchanged: 0, ignored: 0, failed: 0, errors: [] };
  let cursor: { receivedAt: Date; id: string } | null = null;
  for (;;) {
    const page: { id: string; receivedAt: Date }[] = await db.inboundEvent.findMany({
      where: {
        workspaceId: options.workspaceId,
        status: { not: "UNROUTED" },
        source: options.source ?? { not: "QUICKBOOKS" },
        ...(options.since ? { receivedAt: { gte: options.since } } : {}),
        ...(cursor ? { OR: [{ receivedAt: { gt: cursor.receivedAt } }, { receivedAt: cursor.receivedAt, id: { gt: cursor.id } }] } : {}),
      },
      orderBy: [{ receivedAt: "asc" }, { id: "asc" }],
      select: { id: true, receivedAt: true },
      take: 200,
    });
    if (page.length === 0) return report;
    for (const row of page) {
      report.events += 1;
      try {
        const result = await normaliseInboundEvent({ workspaceId: options.workspaceId, inboundEventId: row.id }, options);
        if (result.status === "NORMALISED") {
          report.created += result.created;
          report.updated += result.updated;
          report.unchanged += result.unchanged;
        } else if (result.status === "IGNORED") report.ignored += 1;
        else if (result.status === "FAILED") fail(report, row.id, result.reason);
      } catch (error) {
        fail(report, row.id, error instanceof Error ? error.message : String(error));
      }
    }
    options.onProgress?.(report.events);
    cursor = page[page.length - 1]!;
  }
}

function fail(report: ReplayReport, id: string, reason: string) {
  report.failed += 1;
  if (report.errors.length < 20) report.errors.push(`${id}: ${reason}`);
}
