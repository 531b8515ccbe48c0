import { recordAudit, recordAuditMany } from "../audit/record-audit";
import { db, type Prisma } from "../db";
import type { ClaimedPosting } from "./claim-postings";
import { backoffMs, type Failure } from "./classify-failure";
import { openException } from "./open-exception";

// What happens to a posting after QuickBooks answered, each in ONE transaction: the cross-reference (entity
// id, SyncToken, intuit_tid) and POSTED together, with an audit entry, so a posting is never POSTED without
// knowing what it became, nor cross-referenced twice (postingId is unique); a retry scheduled with backoff;
// or FAILED with an exception a finance person can act on.

const SYSTEM = { type: "SYSTEM" as const, label: "sync pipeline" };
/** Tries before a failure that keeps being retryable becomes an exception (about an hour of backoff). */
export const MAX_ATTEMPTS = 12;

export type Created = { entityId: string; syncToken: string; intuitTid: string | null };

export async function recordPosted(posting: ClaimedPosting, realmId: string, created: Created, sentBody: Record<string, unknown>, requestId: string): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.qboCrossReference.createMany({
      data: [{ workspaceId: posting.workspaceId, postingId: posting.id, qboConnectionId: posting.qboConnectionId, realmId, entityType: posting.entityType, entityId: created.entityId, syncToken: created.syncToken, requestId, intuitTid: created.intuitTid }],
      skipDuplicates: true,
    });
    if (count === 0) return false; // recorded already (a worker that took over found it first)
    const now = new Date();
    await tx.posting.update({ where: { id: posting.id }, data: { status: "POSTED", postedAt: now, claimedUntil: null, lastError: null, sentBody: sentBody as Prisma.InputJsonValue, requestId } });
    await settleEvent(tx, posting.canonicalEventId);
    await tx.syncException.updateMany({ where: { postingId: posting.id, status: { in: ["OPEN", "RETRYING"] } }, data: { status: "RESOLVED", resolvedAt: now, resolution: "Posted" } });
    await recordAudit(tx, postedAudit(posting, created, requestId));
    return true;
  });
}

/**
 * The answers of one batch call recorded together: the same rows as recordPosted for each, in ONE transaction
 * (cross-references, POSTED, events settled, exceptions resolved, one audit entry per posting appended under one
 * take of the audit lock). Under a backlog this is what lets a company's drainer keep up with QuickBooks: a
 * transaction per posting queued every run of the workspace behind its audit lock 30 times per batch. The
 * postings were marked sent with this body and request id (send-postings.ts markSent). Returns how many were
 * recorded now (one already recorded by a worker that took over is skipped, as in recordPosted).
 */
export async function recordPostedMany(items: { posting: ClaimedPosting; created: Created }[], realmId: string): Promise<number> {
  if (items.length === 0) return 0;
  return db.$transaction(
    async (tx) => {
      const inserted = await tx.qboCrossReference.createManyAndReturn({
        data: items.map(({ posting, created }) => ({ workspaceId: posting.workspaceId, postingId: posting.id, qboConnectionId: posting.qboConnectionId, realmId, entityType: posting.entityType, entityId: created.entityId, syncToken: created.syncToken, requestId: posting.requestId, intuitTid: created.intuitTid })),
        skipDuplicates: true,
        select: { postingId: true },
      });
      const fresh = new Set(inserted.map((r) => r.postingId));
      const recorded = items.filter((i) => fresh.has(i.posting.id));
      if (recorded.length === 0) return 0;
      const ids = recorded.map((i) => i.posting.id);
      const now = new Date();
      await tx.posting.updateMany({ where: { id: { in: ids } }, data: { status: "POSTED", postedAt: now, claimedUntil: null, lastError: null } });
      await settleEvents(tx, [...new Set(recorded.map((i) => i.posting.canonicalEventId))]);
      await tx.syncException.updateMany({ where: { postingId: { in: ids }, status: { in: ["OPEN", "RETRYING"] } }, data: { status: "RESOLVED", resolvedAt: now, resolution: "Posted" } });
      // One company's postings are one workspace's, but group anyway: recordAuditMany takes one chain at a time.
      for (const workspaceId of new Set(recorded.map((i) => i.posting.workspaceId))) {
        await recordAuditMany(tx, recorded.filter((i) => i.posting.workspaceId === workspaceId).map((i) => postedAudit(i.posting, i.created, i.posting.requestId)));
      }
      return recorded.length;
    },
    // The workspace's audit lock may have a queue (recordAudit allows the same).
    { maxWait: 10_000, timeout: 20_000 },
  );
}

function postedAudit(posting: ClaimedPosting, created: Created, requestId: string) {
  return {
    workspaceId: posting.workspaceId,
    actor: SYSTEM,
    action: "posting.posted",
    target: { type: "Posting", id: posting.id },
    after: { status: "POSTED", entityType: posting.entityType, entityId: created.entityId, syncToken: created.syncToken, requestId, intuitTid: created.intuitTid, eventKey: posting.eventKey, target: posting.target, amountMinor: posting.amountMinor, currency: posting.currency },
  };
}

/**
 * Each event is POSTED once every posting of it is POSTED (or SKIPPED). The events are locked first, in id order
 * (so two batches never wait on each other in a cycle): two postings of one event recorded at once (two
 * processes) each see the other still open under READ COMMITTED, and neither would mark the event POSTED (found
 * by test/chaos). With the lock, the second waits for the first to commit and then counts what it committed.
 */
async function settleEvents(tx: Prisma.TransactionClient, canonicalEventIds: string[]): Promise<void> {
  const sorted = [...canonicalEventIds].sort();
  await tx.$queryRaw`SELECT id FROM "CanonicalEvent" WHERE id = ANY(${sorted}::text[]) ORDER BY id FOR UPDATE`;
  const open = await tx.posting.groupBy({ by: ["canonicalEventId"], where: { canonicalEventId: { in: sorted }, status: { notIn: ["POSTED", "SKIPPED", "VOIDED"] } }, _count: { _all: true } });
  const stillOpen = new Set(open.map((o) => o.canonicalEventId));
  const settled = sorted.filter((id) => !stillOpen.has(id));
  if (settled.length > 0) await tx.canonicalEvent.updateMany({ where: { id: { in: settled } }, data: { status: "POSTED" } });
}

/** The event is POSTED once every posting of it is POSTED (or SKIPPED). */
export async function settleEvent(tx: Prisma.TransactionClient, canonicalEventId: string): Promise<void> {
  await settleEvents(tx, [canonicalEventId]);
}

/** Try again later: after what QuickBooks asked for, else exponential backoff with jitter. */
export async function scheduleRetry(posting: ClaimedPosting, failure: Failure, options: { keepSent: boolean }): Promise<void> {
  if (posting.attempts >= MAX_ATTEMPTS) return recordFailed(posting, failure);
  const waitMs = failure.retryAfterMs ?? backoffMs(posting.attempts);
  await db.posting.update({
    where: { id: posting.id },
    data: { status: "PENDING", claimedUntil: null, nextAttemptAt: new Date(Date.now() + waitMs), lastError: failure.message.slice(0, 500), ...(options.keepSent ? {} : { sentAt: null, sentVia: null }) },
  });
}

export async function recordFailed(posting: ClaimedPosting, failure: Failure): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.posting.update({ where: { id: posting.id }, data: { status: "FAILED", claimedUntil: null, lastError: failure.message.slice(0, 500) } });
    await tx.canonicalEvent.update({ where: { id: posting.canonicalEventId }, data: { status: "FAILED" } });
    await openException(tx, {
      workspaceId: posting.workspaceId,
      canonicalEventId: posting.canonicalEventId,
      postingId: posting.id,
      qboConnectionId: posting.qboConnectionId,
      code: failure.code,
      message: `QuickBooks did not accept the ${posting.entityType} for ${posting.eventKey}: ${failure.message}`,
      suggestedFix: suggestedFix(failure),
      qboFaultCode: failure.qboFaultCode ?? null,
      intuitTid: failure.intuitTid ?? null,
      details: { target: posting.target, requestId: posting.requestId, element: failure.element ?? null, attempts: posting.attempts, body: posting.body },
    });
  });
}

function suggestedFix(failure: Failure): string {
  switch (failure.qboFaultCode) {
    case "6210":
      return "The accounting period is closed in QuickBooks: change the closing date there (or book it by hand), then retry.";
    case "2500":
    case "610":
      return "An account, item or tax code in the mapping no longer exists in QuickBooks: refresh the reference data, fix the mapping, then use \"Retry after mapping change\".";
    case "6140":
      return "QuickBooks already has a document with this number: change the workspace's duplicate-number choice to suffix, or renumber it in QuickBooks, then retry.";
    case "6240":
      return "Another customer, vendor or employee in QuickBooks has this name: rename one of them in QuickBooks, then retry.";
  }
  if (failure.retryable) return "QuickBooks kept failing or refusing calls for a long time: check the connection's status, then retry.";
  return "Fix what QuickBooks names (often the mapping), then retry, or ignore this event with a reason.";
}
