import { db } from "../db";

// Postings ready to send for one QuickBooks company, claimed so that two workers (two app processes, two
// drainer runs) never send the same one at once: rows are locked with FOR UPDATE SKIP LOCKED and marked
// POSTING with a lease. A worker that dies mid-send leaves the lease to lapse, and the next claim takes the
// posting over (it was maybe sent: lib/sync/send-postings.ts looks before it sends again).
// Ready means: due (backoff over), not waiting for an event it settles or reverses (until waitsUntil), and
// when it links to an earlier posting of its own plan (a Payment of its Invoice), that one is POSTED.

export type ClaimedPosting = {
  id: string;
  workspaceId: string;
  canonicalEventId: string;
  qboConnectionId: string;
  target: string;
  entityType: string;
  requestId: string;
  body: Record<string, unknown>;
  dependsOn: unknown;
  attempts: number;
  sentAt: Date | null;
  sentVia: string | null;
  sentBody: Record<string, unknown> | null;
  amountMinor: bigint;
  currency: string;
  createdAt: Date;
  eventKey: string;
};

export const CLAIM_LEASE_MS = 2 * 60_000;

export async function claimReadyPostings(qboConnectionId: string, options: { limit: number; leaseMs?: number; now?: Date }): Promise<ClaimedPosting[]> {
  const now = options.now ?? new Date();
  const until = new Date(now.getTime() + (options.leaseMs ?? CLAIM_LEASE_MS));
  return db.$queryRaw<ClaimedPosting[]>`
    WITH ready AS (
      SELECT p.id FROM "Posting" p
      WHERE p."qboConnectionId" = ${qboConnectionId}
        AND ((p.status = 'PENDING' AND p."nextAttemptAt" <= ${now}) OR (p.status = 'POSTING' AND p."claimedUntil" < ${now}))
        AND (cardinality(p."waitsForEventIds") = 0 OR p."waitsUntil" <= ${now}
             OR NOT EXISTS (SELECT 1 FROM "CanonicalEvent" w WHERE w.id = ANY(p."waitsForEventIds") AND w.status IN ('PENDING', 'HELD')))
        AND NOT (p."dependsOn" @> '[{"kind": "posting"}]'::jsonb AND EXISTS (
             SELECT 1 FROM "Posting" e WHERE e."canonicalEventId" = p."canonicalEventId" AND e.position < p.position AND e.status <> 'POSTED'))
      ORDER BY p."createdAt", p.position
      LIMIT ${options.limit}
      FOR UPDATE OF p SKIP LOCKED
    )
    UPDATE "Posting" AS t SET status = 'POSTING', "claimedUntil" = ${until}, attempts = t.attempts + 1, "updatedAt" = ${now}
    FROM ready, "CanonicalEvent" c
    WHERE t.id = ready.id AND c.id = t."canonicalEventId"
    RETURNING t.id, t."workspaceId", t."canonicalEventId", t."qboConnectionId", t.target, t."entityType", t."requestId", t.body, t."dependsOn",
      t.attempts, t."sentAt", t."sentVia", t."sentBody", t."amountMinor", t.currency, t."createdAt", c."idempotencyKey" AS "eventKey"`;
}

/** Milliseconds until the company's next PENDING posting is due (0: now), or null when none waits. */
export async function nextDueInMs(qboConnectionId: string, now = new Date()): Promise<number | null> {
  const [row] = await db.$queryRaw<{ at: Date | null }[]>`
    SELECT min(CASE WHEN status = 'POSTING' THEN "claimedUntil" ELSE "nextAttemptAt" END) AS at FROM "Posting"
    WHERE "qboConnectionId" = ${qboConnectionId} AND status IN ('PENDING', 'POSTING')`;
  if (!row?.at) return null;
  return Math.max(0, row.at.getTime() - now.getTime());
}

/** Gives a claimed posting back without counting the try (it was not ready after all). */
export async function releaseClaim(postingId: string, retryAt: Date): Promise<void> {
  await db.$executeRaw`UPDATE "Posting" SET status = 'PENDING', "claimedUntil" = NULL, attempts = greatest(0, attempts - 1), "nextAttemptAt" = ${retryAt}, "updatedAt" = now()
    WHERE id = ${postingId} AND status = 'POSTING'`;
}

