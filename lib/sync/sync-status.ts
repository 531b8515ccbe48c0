import { db } from "../db";
import { EVENT_NOT_PLANNED, EVENT_NOT_PROCESSED } from "../jobs/sweep-exception-codes";
import { countStrandedEvents } from "../jobs/sweep-stranded-events";
import { sharedQboBudget } from "../qbo/budget";
import { usageToday } from "../qbo/usage";

// GET /api/w/[slug]/sync/status: how the workspace's pipeline is doing. Counts of canonical events by where
// they are; latency over the last hour from the webhook's arrival to the posting's POSTED (p50, p95, p99); and
// per QuickBooks company the calls of this minute (the shared budget, every process) and of today (per day
// counts), reads and writes apart; and what the catch-up sweep found in the workspace: events stranded now
// (what its next run takes up), the re-dispatches it made so far, and the events it gave up on, each with an
// exception (lib/jobs/sweep-stranded-events.ts).

export type SyncStatus = {
  events: { received: number; posted: number; pending: number; held: number; inException: number };
  latencyMs: { samples: number; p50: number | null; p95: number | null; p99: number | null };
  companies: { qboConnectionId: string; companyName: string; mode: "live" | "shadow"; thisMinute: { calls: number; reads: number; writes: number; batches: number } | null; today: { reads: number; writes: number } }[];
  sweep: { stranded: number; redispatched: number; gaveUp: number };
};

export async function getSyncStatus(ctx: { tenantId: string }): Promise<SyncStatus> {
  const workspaceId = ctx.tenantId;
  const [counts, [latency], connections, sweep] = await Promise.all([
    db.canonicalEvent.groupBy({ by: ["status"], where: { workspaceId }, _count: { _all: true } }),
    db.$queryRaw<{ n: number; p50: number | null; p95: number | null; p99: number | null }[]>`
      SELECT count(*)::int AS n,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50, percentile_cont(0.95) WITHIN GROUP (ORDER BY ms) AS p95, percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99
      FROM (SELECT EXTRACT(EPOCH FROM (max(p."postedAt") - min(i."receivedAt"))) * 1000 AS ms
            FROM "Posting" p JOIN "CanonicalEvent" c ON c.id = p."canonicalEventId" JOIN "InboundEvent" i ON i.id = c."inboundEventId"
            WHERE p."workspaceId" = ${workspaceId} AND p.status = 'POSTED' AND p."postedAt" >= now() - interval '1 hour'
            GROUP BY c.id) per_event`,
    db.qboConnection.findMany({ where: { workspaceId, status: { not: "DISCONNECTED" } }, select: { id: true, realmId: true, companyName: true, shadowMode: true }, orderBy: { connectedAt: "desc" } }),
    sweepFindings(workspaceId),
  ]);
  const by = (status: string) => counts.find((c) => c.status === status)?._count._all ?? 0;
  const received = counts.reduce((n, c) => n + c._count._all, 0);
  const today = await usageToday(connections.map((c) => c.id));
  const companies = await Promise.all(
    connections.map(async (c) => ({
      qboConnectionId: c.id,
      companyName: c.companyName,
      mode: c.shadowMode ? ("shadow" as const) : ("live" as const),
      thisMinute: await sharedQboBudget()
        .usage(c.realmId)
        .then((u) => ({ calls: u.calls, reads: u.reads, writes: u.writes, batches: u.batches }))
        .catch(() => null),
      today: today.get(c.id) ?? { reads: 0, writes: 0 },
    })),
  );
  const round = (v: number | null) => (v === null ? null : Math.round(v));
  return {
    events: { received, posted: by("POSTED"), pending: by("PENDING"), held: by("HELD"), inException: by("FAILED") },
    latencyMs: { samples: latency?.n ?? 0, p50: round(latency?.p50 ?? null), p95: round(latency?.p95 ?? null), p99: round(latency?.p99 ?? null) },
    companies,
    sweep,
  };
}

async function sweepFindings(workspaceId: string): Promise<SyncStatus["sweep"]> {
  const [stranded, [tries], gaveUp] = await Promise.all([
    countStrandedEvents(db, { workspaceId }),
    db.$queryRaw<{ n: number }[]>`
      SELECT ((SELECT coalesce(sum("sweepTries"), 0) FROM "InboundEvent" WHERE "workspaceId" = ${workspaceId})
        + (SELECT coalesce(sum("sweepTries"), 0) FROM "CanonicalEvent" WHERE "workspaceId" = ${workspaceId}))::int AS n`,
    // Given up on, whatever became of the exception since (resolved by a late run, retried, ignored).
    db.syncException.count({ where: { workspaceId, code: { in: [EVENT_NOT_PROCESSED, EVENT_NOT_PLANNED] } } }),
  ]);
  return { stranded, redispatched: tries?.n ?? 0, gaveUp };
}
