import { db, Prisma } from "../db";
import { formatMinorUnits } from "../canonical/money";
import type { CanonicalKind, EventSource } from "../db/generated/enums";
import { env } from "../env";
import { logger } from "../log/logger";
import { expireHolds } from "../sync/holds";
import { openException } from "../sync/open-exception";
import { enqueueEvent, outboxEventId } from "./outbox";
import { EVENT_NOT_PLANNED, EVENT_NOT_PROCESSED } from "./sweep-exception-codes";

// The catch-up sweep. An acknowledged event is on disk with its outbox row, but an outbox row marked sent is
// only as good as whoever accepted it: the local executor keeps accepted runs in memory, and a crash there (or
// an Inngest run that never started) leaves the event RECEIVED for ever, which the outbox re-send cannot see.
// So whatever runs the jobs, an event still RECEIVED after the grace period is dispatched again through the
// outbox, under a new event id per try (Inngest deduplicates on the id, and the first one was used); processing
// is idempotent on business keys, so a try that overlaps a slow first run does no harm. After `maxTries` tries
// in all (the first dispatch counts) the event is marked FAILED with an exception a finance person can act
// on. QuickBooks notifications are left out: they stay RECEIVED until the listen-back pipeline consumes them.

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
export async function sweepWaitingPostings(options: SweepOptions = {}): Promise<{ canonical: number; canonicalFailed: number; kicked: number; holdsExpired: number }> {
  const { graceMs = env().strandedEvents.graceMs, maxTries = env().strandedEvents.maxTries, limit = 500, now = new Date(), workspaceId } = options;
  const waiting = await sweepWaitingCanonicalEvents({ graceMs, maxTries, limit, now, workspaceId });
  return { ...waiting, holdsExpired: await expireHolds({ now, workspaceId }) };
}

// Canonical events waiting to be posted past the grace period: never planned (their sync/event.ready was lost
// with an executor's runs), or with postings due that nobody is draining (a lost kick, a crashed drainer whose
// lease lapsed). Never-planned events get the inbound events' sweep: a new event id per try, counted, and after
// `maxTries` in all the event is FAILED with an exception, rather than offered every minute for ever. A person's
// retry of that exception is one more try: if its run is lost too, the next sweep gives up again. Undrained
// postings are only kicked again, once a minute per company: the drainer fails a posting itself when it must.
// Planning and draining are idempotent, so an overlap with a slow run does no harm. A paused source's events
// wait on purpose (plan-event.ts answers WAITING): they are neither offered nor counted until it is resumed.
function waitingWhere(cutoff: Date, workspaceId?: string): Prisma.Sql {
  const inWorkspace = workspaceId === undefined ? Prisma.empty : Prisma.sql`AND c."workspaceId" = ${workspaceId}`;
  return Prisma.sql`c.status = 'PENDING' AND c."updatedAt" <= ${cutoff} ${inWorkspace}`;
}
function unplanned(): Prisma.Sql {
  return Prisma.sql`NOT EXISTS (SELECT 1 FROM "Posting" p WHERE p."canonicalEventId" = c.id)
    AND NOT EXISTS (SELECT 1 FROM "InboundEvent" i JOIN "SourceConnection" s ON s.id = i."sourceConnectionId" WHERE i.id = c."inboundEventId" AND s.status = 'PAUSED')`;
}
function undrained(cutoff: Date): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM "Posting" p WHERE p."canonicalEventId" = c.id
    AND ((p.status = 'PENDING' AND p."nextAttemptAt" <= ${cutoff}) OR (p.status = 'POSTING' AND p."claimedUntil" <= ${cutoff})))`;
}

type UnplannedRow = { id: string; workspaceId: string; kind: CanonicalKind; amountMinor: bigint; currency: string; sweepTries: number; source: EventSource; externalId: string; receivedAt: Date };

export async function sweepWaitingCanonicalEvents(options: { graceMs: number; maxTries: number; limit: number; now: Date; workspaceId?: string }): Promise<{ canonical: number; canonicalFailed: number; kicked: number }> {
  const { now, maxTries } = options;
  const cutoff = new Date(now.getTime() - options.graceMs);
  const minute = String(Math.floor(now.getTime() / 60_000));
  return db.$transaction(async (tx) => {
    // Locked, and skipped when locked: a plan in progress holds its event (plan-event.ts), and sweeps may overlap.
    const events = await tx.$queryRaw<UnplannedRow[]>`
      SELECT c.id, c."workspaceId", c.kind, c."amountMinor", c.currency, c."sweepTries", i.source, i."externalId", i."receivedAt"
      FROM "CanonicalEvent" c JOIN "InboundEvent" i ON i.id = c."inboundEventId"
      WHERE ${waitingWhere(cutoff, options.workspaceId)} AND ${unplanned()} AND (c."lastSweptAt" IS NULL OR c."lastSweptAt" <= ${cutoff})
      ORDER BY c."createdAt" LIMIT ${options.limit}
      FOR UPDATE OF c SKIP LOCKED`;
    let offered = 0;
    let failed = 0;
    for (const e of events) {
      // As for inbound events, `maxTries` counts every dispatch: the first (from normalisation) and the sweep's.
      if (e.sweepTries + 1 >= maxTries) {
        await giveUpPlanning(tx, e, now);
        failed += 1;
        continue;
      }
      const attempt = e.sweepTries + 1;
      // Raw SQL: Prisma would move updatedAt, which is the event's own last change, not the sweep's bookkeeping.
      await tx.$executeRaw`UPDATE "CanonicalEvent" SET "sweepTries" = ${attempt}, "lastSweptAt" = ${now} WHERE id = ${e.id}`;
      await enqueueEvent(tx, { id: outboxEventId("sync/event.ready", e.id, "sweep", String(attempt)), name: "sync/event.ready", workspaceId: e.workspaceId, data: { workspaceId: e.workspaceId, canonicalEventId: e.id } });
      offered += 1;
    }
    const companies = await tx.$queryRaw<{ workspaceId: string; qboConnectionId: string }[]>`
      SELECT DISTINCT p."workspaceId", p."qboConnectionId" FROM "Posting" p JOIN "CanonicalEvent" c ON c.id = p."canonicalEventId"
      WHERE c.status = 'PENDING' ${options.workspaceId === undefined ? Prisma.empty : Prisma.sql`AND c."workspaceId" = ${options.workspaceId}`}
        AND ((p.status = 'PENDING' AND p."nextAttemptAt" <= ${cutoff}) OR (p.status = 'POSTING' AND p."claimedUntil" <= ${cutoff}))`;
    for (const c of companies) {
      await enqueueEvent(tx, { id: outboxEventId("sync/postings.ready", c.qboConnectionId, "sweep", minute), name: "sync/postings.ready", workspaceId: c.workspaceId, data: { workspaceId: c.workspaceId, qboConnectionId: c.qboConnectionId } });
    }
    const tally = { canonical: offered, canonicalFailed: failed, kicked: companies.length };
    if (events.length + companies.length > 0) logger.warn(tally, "re-dispatched canonical events still waiting to be posted after the grace period");
    return tally;
  });
}

const KIND_NAMES: Record<CanonicalKind, string> = {
  SALE: "sale",
  INVOICE_ISSUED: "invoice",
  PAYMENT: "payment",
  REFUND: "refund",
  CHARGEBACK_OPENED: "dispute",
  CHARGEBACK_WON: "dispute won",
  CHARGEBACK_LOST: "dispute lost",
  FEE: "fee",
  PAYOUT: "payout",
  CUSTOMER_UPSERT: "customer update",
  SUBSCRIPTION_INVOICE: "subscription invoice",
};

async function giveUpPlanning(tx: Prisma.TransactionClient, row: UnplannedRow, now: Date): Promise<void> {
  const tries = row.sweepTries + 1;
  const amount = row.amountMinor === 0n ? "" : ` of ${formatMinorUnits(Number(row.amountMinor), row.currency)} ${row.currency}`;
  const message =
    `This ${SOURCE_NAMES[row.source]} ${KIND_NAMES[row.kind]}${amount} (event ${row.externalId}, received at ${minuteUtc(row.receivedAt)} UTC) ` +
    `was never planned for QuickBooks after ${tries} tries, so nothing was posted for it.`;
  await tx.canonicalEvent.update({ where: { id: row.id }, data: { status: "FAILED", lastSweptAt: now } });
  await openException(tx, {
    workspaceId: row.workspaceId,
    canonicalEventId: row.id,
    code: EVENT_NOT_PLANNED,
    message,
    suggestedFix: "Retry this exception to plan the event again with the active mapping. If it is given up on again, background jobs are not running: tell whoever runs Ledgerwire.",
    details: { tries, receivedAt: row.receivedAt.toISOString() },
  });
}

const minuteUtc = (at: Date) => at.toISOString().slice(0, 16).replace("T", " ");

async function giveUp(tx: Prisma.TransactionClient, row: StrandedRow, now: Date): Promise<void> {
  const tries = row.sweepTries + 1; // the first dispatch, then each sweep
  const message =
    `This ${SOURCE_NAMES[row.source]} event (${row.externalId}) was received at ${minuteUtc(row.receivedAt)} UTC but could not be processed after ${tries} tries, ` +
    "so nothing was booked from it. Use Replay once the cause is fixed.";
  await tx.inboundEvent.update({ where: { id: row.id }, data: { status: "FAILED", error: message, processedAt: now, lastSweptAt: now } });
  const open = await tx.syncException.findFirst({ where: { workspaceId: row.workspaceId, inboundEventId: row.id, status: "OPEN" }, select: { id: true } });
  const data = { code: EVENT_NOT_PROCESSED, message, details: { tries, receivedAt: row.receivedAt.toISOString() } };
  if (open) await tx.syncException.update({ where: { id: open.id }, data });
  else await tx.syncException.create({ data: { workspaceId: row.workspaceId, inboundEventId: row.id, ...data } });
}

/**
 * Events stranded now (what the next sweep will take up): inbound events not normalised, and canonical events
 * not posted (never planned, or postings due that nobody drains). Counted for the health check and a workspace's
 * sync status, not failed by them.
 */
export async function countStrandedEvents(
  client: Pick<typeof db, "$queryRaw"> = db,
  { graceMs = env().strandedEvents.graceMs, now = new Date(), workspaceId }: { graceMs?: number; now?: Date; workspaceId?: string } = {},
): Promise<number> {
  const cutoff = new Date(now.getTime() - graceMs);
  const inWorkspace = workspaceId === undefined ? Prisma.empty : Prisma.sql`AND "workspaceId" = ${workspaceId}`;
  const [row] = await client.$queryRaw<{ n: number }[]>`
    SELECT (SELECT count(*) FROM "InboundEvent" WHERE status = 'RECEIVED' AND "receivedAt" <= ${cutoff} AND source <> 'QUICKBOOKS' AND "workspaceId" IS NOT NULL ${inWorkspace})::int
      + (SELECT count(*) FROM "CanonicalEvent" c WHERE ${waitingWhere(cutoff, workspaceId)} AND (${unplanned()} OR ${undrained(cutoff)}))::int AS n`;
  return row?.n ?? 0;
}
