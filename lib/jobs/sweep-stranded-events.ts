import { db, Prisma } from "../db";
import type { EventSource } from "../db/generated/enums";
import { env } from "../env";
import { logger } from "../log/logger";
import { expireHolds } from "../sync/holds";
import { enqueueEvent, outboxEventId } from "./outbox";

// The catch-up sweep. An acknowledged event is on disk with its outbox row, but an outbox row marked sent is
// only as good as whoever accepted it: the local executor keeps accepted runs in memory, and a crash there (or
// an Inngest run that never started) leaves the event RECEIVED for ever, which the outbox re-send cannot see.
// So whatever runs the jobs, an event still RECEIVED after the grace period is dispatched again through the
// outbox, under a new event id per try (Inngest deduplicates on the id, and the first one was used); processing
// is idempotent on business keys, so a try that overlaps a slow first run does no harm. After `maxTries` tries
// in all (the first dispatch counts) the event is marked FAILED with an exception a finance person can act on. QuickBooks notifications are left
// out: they stay RECEIVED until the listen-back pipeline consumes them.

export type SweepOptions = {
  graceMs?: number;
  maxTries?: number;
  /** Events per run; the rest wait for the next minute. */
  limit?: number;
  /** This process's clock by default; tests pass a later one rather than backdating immutable rows. */
  now?: Date;
  /** Only this workspace's events (tests share one database). */
  workspaceId?: string;
};
export type SweepResult = { redispatched: number; failed: number };

type StrandedRow = { id: string; workspaceId: string; source: EventSource; externalId: string; receivedAt: Date; sweepTries: number };

const SOURCE_NAMES: Record<EventSource, string> = { STRIPE: "Stripe", SHOPIFY: "Shopify", API: "events API", QUICKBOOKS: "QuickBooks" };

/** The condition that makes an event stranded at `cutoff` (received, and last swept, before it). */
function strandedWhere(cutoff: Date, workspaceId?: string): Prisma.Sql {
  const inWorkspace = workspaceId === undefined ? Prisma.empty : Prisma.sql`AND "workspaceId" = ${workspaceId}`;
  return Prisma.sql`status = 'RECEIVED' AND "receivedAt" <= ${cutoff} AND source <> 'QUICKBOOKS' AND "workspaceId" IS NOT NULL
    AND ("lastSweptAt" IS NULL OR "lastSweptAt" <= ${cutoff}) ${inWorkspace}`;
}

/** Re-dispatches stranded events (or gives up on them); rows are claimed with SKIP LOCKED, so sweeps may overlap. */
export async function sweepStrandedEvents(options: SweepOptions = {}): Promise<SweepResult> {
  const { graceMs = env().strandedEvents.graceMs, maxTries = env().strandedEvents.maxTries, limit = 500, now = new Date(), workspaceId } = options;
  const cutoff = new Date(now.getTime() - graceMs);
  const result = await db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<StrandedRow[]>`
      SELECT id, "workspaceId", source, "externalId", "receivedAt", "sweepTries" FROM "InboundEvent"
      WHERE ${strandedWhere(cutoff, workspaceId)}
      ORDER BY "receivedAt" LIMIT ${limit}
      FOR UPDATE SKIP LOCKED`;
    const tally: SweepResult = { redispatched: 0, failed: 0 };
    for (const row of rows) {
      // `maxTries` counts every dispatch: the first (from ingest) and the sweep's.
      if (row.sweepTries + 1 >= maxTries) {
        await giveUp(tx, row, now);
        tally.failed += 1;
        continue;
      }
      const attempt = row.sweepTries + 1;
      await tx.inboundEvent.update({ where: { id: row.id }, data: { sweepTries: attempt, lastSweptAt: now } });
      await enqueueEvent(tx, {
        id: outboxEventId("ingest/event.received", row.id, "sweep", String(attempt)),
        name: "ingest/event.received",
        data: { workspaceId: row.workspaceId, inboundEventId: row.id },
        workspaceId: row.workspaceId,
      });
      tally.redispatched += 1;
    }
    return tally;
  });
  if (result.redispatched + result.failed > 0) logger.warn(result, "re-dispatched inbound events still waiting after the grace period");
  return result;
}

/** The sync pipeline's part of the sweep: canonical events not posted, and holds past their timeout. */
export async function sweepWaitingPostings(options: SweepOptions = {}): Promise<{ canonical: number; kicked: number; holdsExpired: number }> {
  const { graceMs = env().strandedEvents.graceMs, limit = 500, now = new Date(), workspaceId } = options;
  const waiting = await sweepWaitingCanonicalEvents({ graceMs, limit, now, workspaceId });
  return { ...waiting, holdsExpired: await expireHolds({ now, workspaceId }) };
}

// Canonical events waiting to be posted past the grace period: never planned (their sync/event.ready was lost
// with an executor's runs), or with postings due that nobody is draining (a lost kick, a crashed drainer whose
// lease lapsed). They are offered again the way inbound events are, under an event id per minute; planning and
// draining are idempotent, so an overlap with a slow run does no harm.
function waitingWhere(cutoff: Date, workspaceId?: string): Prisma.Sql {
  const inWorkspace = workspaceId === undefined ? Prisma.empty : Prisma.sql`AND c."workspaceId" = ${workspaceId}`;
  return Prisma.sql`c.status = 'PENDING' AND c."updatedAt" <= ${cutoff} ${inWorkspace}`;
}
function unplanned(): Prisma.Sql {
  return Prisma.sql`NOT EXISTS (SELECT 1 FROM "Posting" p WHERE p."canonicalEventId" = c.id)`;
}
function undrained(cutoff: Date): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM "Posting" p WHERE p."canonicalEventId" = c.id
    AND ((p.status = 'PENDING' AND p."nextAttemptAt" <= ${cutoff}) OR (p.status = 'POSTING' AND p."claimedUntil" <= ${cutoff})))`;
}

export async function sweepWaitingCanonicalEvents(options: { graceMs: number; limit: number; now: Date; workspaceId?: string }): Promise<{ canonical: number; kicked: number }> {
  const cutoff = new Date(options.now.getTime() - options.graceMs);
  const minute = String(Math.floor(options.now.getTime() / 60_000));
  return db.$transaction(async (tx) => {
    const events = await tx.$queryRaw<{ id: string; workspaceId: string }[]>`
      SELECT c.id, c."workspaceId" FROM "CanonicalEvent" c WHERE ${waitingWhere(cutoff, options.workspaceId)} AND ${unplanned()} ORDER BY c."createdAt" LIMIT ${options.limit}`;
    for (const e of events) {
      await enqueueEvent(tx, { id: outboxEventId("sync/event.ready", e.id, "sweep", minute), name: "sync/event.ready", workspaceId: e.workspaceId, data: { workspaceId: e.workspaceId, canonicalEventId: e.id } });
    }
    const companies = await tx.$queryRaw<{ workspaceId: string; qboConnectionId: string }[]>`
      SELECT DISTINCT p."workspaceId", p."qboConnectionId" FROM "Posting" p JOIN "CanonicalEvent" c ON c.id = p."canonicalEventId"
      WHERE c.status = 'PENDING' ${options.workspaceId === undefined ? Prisma.empty : Prisma.sql`AND c."workspaceId" = ${options.workspaceId}`}
        AND ((p.status = 'PENDING' AND p."nextAttemptAt" <= ${cutoff}) OR (p.status = 'POSTING' AND p."claimedUntil" <= ${cutoff}))`;
    for (const c of companies) {
      await enqueueEvent(tx, { id: outboxEventId("sync/postings.ready", c.qboConnectionId, "sweep", minute), name: "sync/postings.ready", workspaceId: c.workspaceId, data: { workspaceId: c.workspaceId, qboConnectionId: c.qboConnectionId } });
    }
    if (events.length + companies.length > 0) logger.warn({ canonical: events.length, kicked: companies.length }, "re-dispatched canonical events still waiting to be posted after the grace period");
    return { canonical: events.length, kicked: companies.length };
  });
}

async function giveUp(tx: Prisma.TransactionClient, row: StrandedRow, now: Date): Promise<void> {
  const tries = row.sweepTries + 1; // the first dispatch, then each sweep
  const received = row.receivedAt.toISOString().slice(0, 16).replace("T", " ");
  const message =
    `This ${SOURCE_NAMES[row.source]} event (${row.externalId}) was received at ${received} UTC but could not be processed after ${tries} tries, ` +
    "so nothing was booked from it. Use Replay once the cause is fixed.";
  await tx.inboundEvent.update({ where: { id: row.id }, data: { status: "FAILED", error: message, processedAt: now, lastSweptAt: now } });
  const open = await tx.syncException.findFirst({ where: { workspaceId: row.workspaceId, inboundEventId: row.id, status: "OPEN" }, select: { id: true } });
  const data = { code: "EVENT_NOT_PROCESSED", message, details: { tries, receivedAt: row.receivedAt.toISOString() } };
  if (open) await tx.syncException.update({ where: { id: open.id }, data });
  else await tx.syncException.create({ data: { workspaceId: row.workspaceId, inboundEventId: row.id, ...data } });
}

/**
 * Events stranded now (what the next sweep will take up): inbound events not normalised, and canonical events
 * not posted (never planned, or postings due that nobody drains). Counted for the health check, not failed by it.
 */
export async function countStrandedEvents(client: Pick<typeof db, "$queryRaw"> = db, { graceMs = env().strandedEvents.graceMs, now = new Date() } = {}): Promise<number> {
  const cutoff = new Date(now.getTime() - graceMs);
  const [row] = await client.$queryRaw<{ n: number }[]>`
    SELECT (SELECT count(*) FROM "InboundEvent" WHERE status = 'RECEIVED' AND "receivedAt" <= ${cutoff} AND source <> 'QUICKBOOKS' AND "workspaceId" IS NOT NULL)::int
      + (SELECT count(*) FROM "CanonicalEvent" c WHERE ${waitingWhere(cutoff)} AND (${unplanned()} OR ${undrained(cutoff)}))::int AS n`;
  return row?.n ?? 0;
}
