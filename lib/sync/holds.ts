import { z } from "zod";
import { canApproveHold } from "../auth/permissions";
import { recordAudit } from "../audit/record-audit";
import { db, type Prisma } from "../db";
import { AppError } from "../errors/app-error";
import { kickDispatcher } from "../jobs/dispatch";
import { auditActor, type ActorCtx } from "./actor-ctx";
import { openException } from "./open-exception";
import { enqueueKick } from "./plan-event";

// Holds: a posting at or above the workspace's threshold (or one a person asked to hold) waits for an
// accountant's approval before it is sent. Whoever asked for a hold cannot approve it (segregation of
// duties); a hold nobody decides within the workspace's timeout becomes an exception. All of it audited.

export const HoldRequestSchema = z.object({ reason: z.string().trim().min(1).max(500) }).strict();

export async function approveHold(ctx: ActorCtx, input: { postingId: string }): Promise<{ id: string; status: "PENDING" }> {
  const result = await db.$transaction(async (tx) => {
    const posting = await tx.posting.findFirst({ where: { id: input.postingId, workspaceId: ctx.tenantId }, select: { id: true, status: true, heldById: true, canonicalEventId: true, qboConnectionId: true } });
    if (!posting) throw new AppError("NOT_FOUND", "There is no such posting in this workspace.");
    if (posting.status !== "HELD") throw new AppError("CONFLICT", "This posting is not waiting for approval.");
    if (!canApproveHold({ role: ctx.role, approverId: ctx.user.id, requestedById: posting.heldById })) {
      throw new AppError("FORBIDDEN", posting.heldById === ctx.user.id ? "You asked for this hold: another accountant must approve it." : "Your role in this workspace does not allow approving postings.");
    }
    const now = new Date();
    await tx.posting.update({ where: { id: posting.id }, data: { status: "PENDING", approvedById: ctx.user.id, approvedAt: now, nextAttemptAt: now, holdExpiresAt: null } });
    await tx.canonicalEvent.updateMany({ where: { id: posting.canonicalEventId, status: "HELD" }, data: { status: "PENDING" } });
    await recordAudit(tx, { ...auditActor(ctx), action: "posting.approved", target: { type: "Posting", id: posting.id }, before: { status: "HELD", heldById: posting.heldById }, after: { status: "PENDING", approvedById: ctx.user.id } });
    await enqueueKick(tx, ctx.tenantId, posting.qboConnectionId, `approved:${posting.id}`);
    return { id: posting.id, status: "PENDING" as const };
  });
  kickDispatcher();
  return result;
}

/** A person asks for a posting not yet sent to wait for someone else's approval. */
export async function requestHold(ctx: ActorCtx, input: { postingId: string; reason: string }): Promise<{ id: string; status: "HELD" }> {
  const { reason } = HoldRequestSchema.parse({ reason: input.reason });
  return db.$transaction(async (tx) => {
    const workspace = await tx.workspace.findUniqueOrThrow({ where: { id: ctx.tenantId }, select: { holdTimeoutHours: true } });
    const now = new Date();
    const { count } = await tx.posting.updateMany({
      where: { id: input.postingId, workspaceId: ctx.tenantId, status: "PENDING", sentAt: null },
      data: { status: "HELD", heldById: ctx.user.id, heldReason: reason, heldAt: now, holdExpiresAt: new Date(now.getTime() + workspace.holdTimeoutHours * 3_600_000) },
    });
    if (count === 0) {
      // Another workspace's posting, or none, is not found: the answer must not tell ids apart (app/api/isolation.test.ts).
      const ours = await tx.posting.count({ where: { id: input.postingId, workspaceId: ctx.tenantId } });
      if (ours === 0) throw new AppError("NOT_FOUND", "There is no such posting in this workspace.");
      throw new AppError("CONFLICT", "Only a posting that is waiting to be sent can be held.");
    }
    await recordAudit(tx, { ...auditActor(ctx), action: "posting.hold_requested", target: { type: "Posting", id: input.postingId }, before: { status: "PENDING" }, after: { status: "HELD", reason } });
    return { id: input.postingId, status: "HELD" as const };
  });
}

/** Holds past their timeout become exceptions (run by the sweep). */
export async function expireHolds(options: { now?: Date; workspaceId?: string } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const due = await db.posting.findMany({ where: { status: "HELD", holdExpiresAt: { lte: now }, ...(options.workspaceId ? { workspaceId: options.workspaceId } : {}) }, select: { id: true }, take: 500 });
  for (const { id } of due) await db.$transaction((tx) => expireOne(tx, id, now));
  return due.length;
}

async function expireOne(tx: Prisma.TransactionClient, postingId: string, now: Date) {
  const posting = await tx.posting.findFirst({ where: { id: postingId, status: "HELD", holdExpiresAt: { lte: now } }, select: { id: true, workspaceId: true, canonicalEventId: true, qboConnectionId: true, entityType: true, heldAt: true } });
  if (!posting) return;
  await tx.posting.update({ where: { id: posting.id }, data: { status: "FAILED", lastError: "Not approved in time." } });
  await tx.canonicalEvent.update({ where: { id: posting.canonicalEventId }, data: { status: "FAILED" } });
  await openException(tx, {
    workspaceId: posting.workspaceId,
    canonicalEventId: posting.canonicalEventId,
    postingId: posting.id,
    qboConnectionId: posting.qboConnectionId,
    code: "HOLD_EXPIRED",
    message: `This ${posting.entityType} waited for approval since ${posting.heldAt?.toISOString().slice(0, 16).replace("T", " ") ?? "?"} UTC and nobody approved it in time, so it was not posted.`,
    suggestedFix: "Retry it to post it now (an accountant's retry counts as the approval), or ignore it with a reason.",
  });
  await recordAudit(tx, { workspaceId: posting.workspaceId, actor: { type: "SYSTEM", label: "sync pipeline" }, action: "posting.hold_expired", target: { type: "Posting", id: posting.id }, before: { status: "HELD" }, after: { status: "FAILED" } });
}
