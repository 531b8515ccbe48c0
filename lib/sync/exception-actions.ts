import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import { db, type Prisma } from "../db";
import { AppError } from "../errors/app-error";
import { kickDispatcher } from "../jobs/dispatch";
import { enqueueEvent, outboxEventId } from "../jobs/outbox";
import { auditActor, type ActorCtx } from "./actor-ctx";
import { enqueueKick } from "./plan-event";

// What a finance person does with exceptions, singly or in bulk, each one audited:
//  - retry: the failed posting goes again (a new requestid: QuickBooks keeps the answer of the old one);
//  - retry after a mapping change: the event is planned again with today's active mapping (what was posted
//    stays), for plans refused or written with a mapping that has since been fixed;
//  - ignore, with a reason: nothing is posted for it and it leaves the queue.

const Ids = z.array(z.string().min(1).max(100)).min(1).max(500);
export const RetryExceptionsSchema = z.object({ ids: Ids, afterMappingChange: z.boolean().default(false) }).strict();
export const IgnoreExceptionsSchema = z.object({ ids: Ids, reason: z.string().trim().min(1).max(1000) }).strict();

type Row = { id: string; status: string; code: string; canonicalEventId: string | null; postingId: string | null; retryCount: number };

async function openExceptions(tx: Prisma.TransactionClient, ctx: ActorCtx, ids: string[]): Promise<Row[]> {
  const rows = await tx.syncException.findMany({ where: { id: { in: ids }, workspaceId: ctx.tenantId }, select: { id: true, status: true, code: true, canonicalEventId: true, postingId: true, retryCount: true } });
  if (rows.length !== new Set(ids).size) throw new AppError("NOT_FOUND", "Some of these exceptions do not exist in this workspace.", { missing: ids.filter((id) => !rows.some((r) => r.id === id)) });
  const closed = rows.filter((r) => r.status !== "OPEN");
  if (closed.length) throw new AppError("CONFLICT", "Only open exceptions can be retried or ignored.", { notOpen: closed.map((r) => r.id) });
  return rows;
}

export async function retryExceptions(ctx: ActorCtx, input: z.input<typeof RetryExceptionsSchema>): Promise<{ retried: number }> {
  const { ids, afterMappingChange } = RetryExceptionsSchema.parse(input);
  const result = await db.$transaction(
    async (tx) => {
      const rows = await openExceptions(tx, ctx, ids);
      for (const row of rows) {
        const replan = afterMappingChange || !row.postingId;
        const attempt = row.retryCount + 1;
        await tx.syncException.update({ where: { id: row.id }, data: { status: "RETRYING", retryCount: attempt } });
        if (row.postingId && !replan) await retryPosting(tx, ctx, row.postingId, attempt);
        else if (row.canonicalEventId) await replanEvent(tx, ctx, row.canonicalEventId, attempt);
        await recordAudit(tx, { ...auditActor(ctx), action: replan ? "exception.retried_after_mapping_change" : "exception.retried", target: { type: "SyncException", id: row.id }, before: { status: "OPEN", code: row.code }, after: { status: "RETRYING", retryCount: attempt } });
      }
      return { retried: rows.length };
    },
    { timeout: 60_000 },
  );
  kickDispatcher();
  return result;
}

async function retryPosting(tx: Prisma.TransactionClient, ctx: ActorCtx, postingId: string, attempt: number) {
  const posting = await tx.posting.findFirstOrThrow({ where: { id: postingId, workspaceId: ctx.tenantId }, select: { id: true, status: true, requestId: true, canonicalEventId: true, qboConnectionId: true } });
  if (posting.status !== "FAILED") return;
  await tx.posting.update({
    where: { id: posting.id },
    data: { status: "PENDING", attempts: 0, nextAttemptAt: new Date(), sentAt: null, sentVia: null, lastError: null, requestId: `${posting.requestId.replace(/-r\d+$/, "")}-r${attempt}` },
  });
  await tx.canonicalEvent.updateMany({ where: { id: posting.canonicalEventId, status: "FAILED" }, data: { status: "PENDING" } });
  await enqueueKick(tx, ctx.tenantId, posting.qboConnectionId, `retry:${posting.id}:${attempt}`);
}

async function replanEvent(tx: Prisma.TransactionClient, ctx: ActorCtx, canonicalEventId: string, attempt: number) {
  // Failed postings were never posted: they are planned afresh (PENDING ones not yet sent are replaced by the plan).
  await tx.posting.deleteMany({ where: { canonicalEventId, workspaceId: ctx.tenantId, status: "FAILED" } });
  await tx.canonicalEvent.updateMany({ where: { id: canonicalEventId, workspaceId: ctx.tenantId, status: { in: ["FAILED", "PENDING"] } }, data: { status: "PENDING" } });
  await enqueueEvent(tx, { id: outboxEventId("sync/event.ready", canonicalEventId, "retry", String(attempt), String(Date.now())), name: "sync/event.ready", workspaceId: ctx.tenantId, data: { workspaceId: ctx.tenantId, canonicalEventId } });
}

export async function ignoreExceptions(ctx: ActorCtx, input: z.input<typeof IgnoreExceptionsSchema>): Promise<{ ignored: number }> {
  const { ids, reason } = IgnoreExceptionsSchema.parse(input);
  return db.$transaction(
    async (tx) => {
      const rows = await openExceptions(tx, ctx, ids);
      const now = new Date();
      for (const row of rows) {
        await tx.syncException.update({ where: { id: row.id }, data: { status: "IGNORED", resolution: reason, resolvedById: ctx.user.id, resolvedAt: now } });
        if (row.postingId) await tx.posting.updateMany({ where: { id: row.postingId, status: { in: ["FAILED", "HELD"] } }, data: { status: "SKIPPED", lastError: `Ignored: ${reason}`.slice(0, 500) } });
        if (row.canonicalEventId) {
          const open = await tx.posting.count({ where: { canonicalEventId: row.canonicalEventId, status: { in: ["PENDING", "POSTING", "HELD", "FAILED"] } } });
          if (open === 0) await tx.canonicalEvent.updateMany({ where: { id: row.canonicalEventId, status: { in: ["FAILED", "PENDING", "HELD"] } }, data: { status: "SKIPPED" } });
        }
        await recordAudit(tx, { ...auditActor(ctx), action: "exception.ignored", target: { type: "SyncException", id: row.id }, before: { status: "OPEN", code: row.code }, after: { status: "IGNORED", reason } });
      }
      return { ignored: rows.length };
    },
    { timeout: 60_000 },
  );
}
