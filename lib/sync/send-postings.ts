import { db, type Prisma } from "../db";
import { qboString, type BatchItem, type QboClient, type WritableEntity } from "../qbo/client";
import type { ClaimedPosting } from "./claim-postings";
import { releaseClaim } from "./claim-postings";
import { classifyFailure } from "./classify-failure";
import { withoutDuplicateDocNumber, type DocNumberChoice } from "./doc-number";
import { recordFailed, recordPosted, recordPostedMany, scheduleRetry, type Created } from "./record-outcome";
import { NotReadyError, resolveBody, type Company } from "./resolve-references";

// Sending claimed postings: resolve placeholders, mark each as sent (when, how, with which body) in a
// committed write BEFORE the request leaves, send, then record what QuickBooks answered. A posting found
// marked as sent when it is claimed again had its answer lost (a crash, a timeout): a single write is sent
// again with the same requestid (QuickBooks answers a repeat with the original), a batch item (a batch carries
// no per-item requestid) is first looked up by its memo, "(Ledgerwire <event key>)", and sent only if absent.

export type SendContext = {
  client: QboClient;
  company: Company & { realmId: string };
  docNumbers: DocNumberChoice;
  /** intuit_tid of the answer to each request id (captured by the client's fetch). */
  tids: Map<string, string>;
  /** Test seam: runs after QuickBooks answered and before the answer is recorded (a crash there). */
  afterSend?: (postingIds: string[]) => Promise<void> | void;
};

export type Prepared = { posting: ClaimedPosting; body: Record<string, unknown>; requestId: string };
export type RoundTally = { posted: number; retried: number; failed: number; deferred: number; found: number };

const NOT_READY_RETRY_MS = 5_000;
/** A posting still waiting for its invoice (or another posting) after this long becomes an exception. */
export const NOT_READY_LIMIT_MS = 6 * 3_600_000;

export function emptyTally(): RoundTally {
  return { posted: 0, retried: 0, failed: 0, deferred: 0, found: 0 };
}

/** Placeholders resolved; a posting not ready goes back unclaimed; an answer lost in a batch is looked up. */
export async function prepare(ctx: SendContext, posting: ClaimedPosting, tally: RoundTally): Promise<Prepared | null> {
  try {
    if (posting.sentAt && posting.sentVia === "batch" && (await lookUp(ctx, posting))) {
      tally.found += 1;
      return null;
    }
    const body = await resolveBody(ctx.client, ctx.company, posting.body, posting.dependsOn);
    return { posting, body, requestId: posting.requestId };
  } catch (error) {
    if (error instanceof NotReadyError && Date.now() - posting.createdAt.getTime() < NOT_READY_LIMIT_MS) {
      await releaseClaim(posting.id, new Date(Date.now() + NOT_READY_RETRY_MS));
      tally.deferred += 1;
      return null;
    }
    await onFailure(ctx, { posting, body: posting.body, requestId: posting.requestId }, error, tally, false);
    return null;
  }
}

/** Records that the write is about to leave, so a lost answer is looked up (or replayed) rather than assumed. */
async function markSent(items: Prepared[], via: "single" | "batch"): Promise<void> {
  const now = new Date();
  // One statement for the whole batch (a round trip per posting showed under a backlog).
  const ids = items.map((p) => p.posting.id);
  const bodies = items.map((p) => JSON.stringify(p.body));
  const requestIds = items.map((p) => p.requestId);
  await db.$executeRaw`UPDATE "Posting" AS t SET "sentAt" = ${now}, "sentVia" = ${via}, "sentBody" = v.body::jsonb, "requestId" = v.rid, "updatedAt" = ${now}
    FROM unnest(${ids}::text[], ${bodies}::text[], ${requestIds}::text[]) AS v(id, body, rid) WHERE t.id = v.id`;
}

export async function sendSingle(ctx: SendContext, item: Prepared, tally: RoundTally): Promise<void> {
  await markSent([item], "single");
  let created: Created;
  try {
    const entity = await ctx.client.create(item.posting.entityType as WritableEntity, item.body, { requestId: item.requestId });
    created = { entityId: entity.Id, syncToken: entity.SyncToken, intuitTid: ctx.tids.get(item.requestId) ?? null };
  } catch (error) {
    return onFailure(ctx, item, error, tally, true);
  }
  await ctx.afterSend?.([item.posting.id]);
  if (await recordPosted(item.posting, ctx.company.realmId, created, item.body, item.requestId)) tally.posted += 1;
}

export async function sendBatch(ctx: SendContext, items: Prepared[], tally: RoundTally): Promise<void> {
  await markSent(items, "batch");
  const batch: BatchItem[] = items.map((p) => ({ bId: p.posting.id, operation: "create", entity: p.posting.entityType as WritableEntity, body: p.body, requestId: p.requestId }));
  let results;
  try {
    results = await ctx.client.batch(batch);
  } catch (error) {
    // The whole batch failed: a throttled one never ran (nothing to look up), anything else may have.
    const throttled = classifyFailure(error).kind === "throttled";
    for (const item of items) await onFailure(ctx, item, error, tally, !throttled);
    return;
  }
  await ctx.afterSend?.(items.map((p) => p.posting.id));
  const tid = ctx.tids.get("batch") ?? null;
  const accepted: { posting: ClaimedPosting; created: Created }[] = [];
  for (const item of items) {
    const result = results.get(item.posting.id);
    const record = result?.ok ? (result.record as { Id?: unknown; SyncToken?: unknown } | undefined) : undefined;
    if (typeof record?.Id === "string" && typeof record.SyncToken === "string") {
      accepted.push({ posting: { ...item.posting, requestId: item.requestId }, created: { entityId: record.Id, syncToken: record.SyncToken, intuitTid: tid } });
    } else {
      // An item QuickBooks refused did not post: it may go again without a lookup.
      await onFailure(ctx, item, result && !result.ok ? result.error : new Error("no answer for this batch item"), tally, false);
    }
  }
  tally.posted += await recordPostedMany(accepted, ctx.company.realmId);
}

/** One place that turns a failure into a retry, a changed write (6140), or an exception. */
async function onFailure(ctx: SendContext, item: Prepared, error: unknown, tally: RoundTally, maybeSent: boolean): Promise<void> {
  const failure = classifyFailure(error);
  if (failure.kind === "duplicate-doc") {
    const changed = withoutDuplicateDocNumber(item.body, item.requestId, ctx.docNumbers);
    if (changed) {
      // The original body keeps its placeholders; only the document number and the request id change.
      const base = withoutDuplicateDocNumber(item.posting.body, item.requestId, ctx.docNumbers)!;
      await db.posting.update({ where: { id: item.posting.id }, data: { status: "PENDING", claimedUntil: null, body: base.body as Prisma.InputJsonValue, requestId: changed.requestId, nextAttemptAt: new Date(), sentAt: null, sentVia: null, lastError: failure.message.slice(0, 500) } });
      tally.retried += 1;
      return;
    }
  }
  if (failure.retryable) {
    // A throttled call never ran, so there is nothing to look up before sending it again.
    await scheduleRetry(item.posting, failure, { keepSent: maybeSent && failure.kind !== "throttled" });
    tally.retried += 1;
    return;
  }
  await recordFailed(item.posting, failure);
  tally.failed += 1;
}

/** A posting whose batch answer was lost: is it in QuickBooks already? Found means recorded, not sent again. */
async function lookUp(ctx: SendContext, posting: ClaimedPosting): Promise<boolean> {
  const note = (posting.sentBody ?? posting.body).PrivateNote;
  if (typeof note !== "string") return false;
  const tag = `(Ledgerwire ${posting.eventKey})`;
  const page = await ctx.client.query(`SELECT * FROM ${posting.entityType} WHERE PrivateNote LIKE ${qboString(`%${tag}`)}`);
  const row = page.rows.find((r) => (r as { PrivateNote?: unknown }).PrivateNote === note) as { Id?: string; SyncToken?: string } | undefined;
  if (!row?.Id || !row.SyncToken) return false;
  await recordPosted(posting, ctx.company.realmId, { entityId: row.Id, syncToken: row.SyncToken, intuitTid: null }, posting.sentBody ?? posting.body, posting.requestId);
  return true;
}

