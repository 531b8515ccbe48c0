import { db } from "../db";
import { sharedQboBudget } from "../qbo/budget";
import { usageToday } from "../qbo/usage";

// GET /api/w/[slug]/sync/status: how the workspace's pipeline is doing. Counts of canonical events by where
// they are; latency over the last hour from the webhook's arrival to the posting's POSTED (p50, p95, p99); and
// per QuickBooks company the calls of this minute (the shared budget, every process) and of today (per day
// counts), reads and writes apart.

export type SyncStatus = {
  events: { received: number; posted: number; pending: number; held: number; inException: number };
  latencyMs: { samples: number; p50: number | null; p95: number | null; p99: number | null };
  companies: { qboConnectionId: string; companyName: string; mode: "live" | "shadow"; thisMinute: { calls: number; reads: number; writes: number; batches: number } | null; today: { reads: number; writes: number } }[];
};

export async function getSyncStatus(ctx: { tenantId: string }): Promise<SyncStatus> {
  const workspaceId = ctx.tenantId;
  const [counts, [latency], connections] = await Promise.all([
    db.canonicalEvent.groupBy({ by: ["status"], where: { workspaceId }, _count: { _all: true } }),
    db.$queryRaw<{ n: number; p50: number | null; p95: number | null; p99: number | null }[]>`
      SELECT count(*)::int AS n,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50, percentile_cont(0.95) WITHIN GROUP (ORDER BY ms) AS p95, percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99
      FROM (SELECT EXTRACT(EPOCH FROM (max(p."postedAt") - min(i."receivedAt"))) * 1000 AS ms
            FROM "Posting" p JOIN "CanonicalEvent" c ON c.id = p."canonicalEventId" JOIN "InboundEvent" i ON i.id = c."inboundEventId"
            WHERE p."workspaceId" = ${workspaceId} AND p.status = 'POSTED' AND p."postedAt" >= now() - interval '1 hour'
            GROUP BY c.id) per_event`,
    db.qboConnection.findMany({ where: { workspaceId, status: { not: "DISCONNECTED" } }, select: { id: true, realmId: true, companyName: true, shadowMode: true }, orderBy: { connectedAt: "desc" } }),
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
  };
}
