import { recordAudit } from "../audit/record-audit";
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
    await recordAudit(tx, {
      workspaceId: posting.workspaceId,
      actor: SYSTEM,
      action: "posting.posted",
      target: { type: "Posting", id: posting.id },
      after: { status: "POSTED", entityType: posting.entityType, entityId: created.entityId, syncToken: created.syncToken, requestId, intuitTid: created.intuitTid, eventKey: posting.eventKey, target: posting.target, amountMinor: posting.amountMinor, currency: posting.currency },
    });
    return true;
  });
}

/** The event is POSTED once every posting of it is POSTED (or SKIPPED). */
export async function settleEvent(tx: Prisma.TransactionClient, canonicalEventId: string): Promise<void> {
  // Lock the event first: two postings of one event recorded at once (two processes) each see the other still
  // open under READ COMMITTED, and neither would mark the event POSTED (found by test/chaos). With the lock,
  // the second waits for the first to commit and then counts what it committed.
  await tx.$queryRaw`SELECT id FROM "CanonicalEvent" WHERE id = ${canonicalEventId} FOR UPDATE`;
  const open = await tx.posting.count({ where: { canonicalEventId, status: { notIn: ["POSTED", "SKIPPED", "VOIDED"] } } });
  if (open === 0) await tx.canonicalEvent.update({ where: { id: canonicalEventId }, data: { status: "POSTED" } });
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
