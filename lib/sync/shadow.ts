import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { AppError } from "../errors/app-error";
import type { ClaimedPosting } from "./claim-postings";
import { enqueueKick } from "./plan-event";
import { kickDispatcher } from "../jobs/dispatch";

// Shadow mode per QuickBooks connection, for going live gradually: every event is planned and validated, and
// the postings are kept for review (status SKIPPED, shadow), but nothing is written to QuickBooks. Switching
// a connection between shadow and live is an admin's decision, audited; postings planned in shadow stay as
// they are (they were the rehearsal), and events from then on post live.

/** Postings claimed while the connection is in shadow mode (it was switched with postings queued). */
export async function settleShadowed(claimed: ClaimedPosting[]): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.posting.updateMany({ where: { id: { in: claimed.map((p) => p.id) } }, data: { status: "SKIPPED", shadow: true, claimedUntil: null } });
    await tx.canonicalEvent.updateMany({ where: { id: { in: [...new Set(claimed.map((p) => p.canonicalEventId))] }, status: "PENDING" }, data: { status: "SKIPPED" } });
  });
}

export type ModeCtx = { tenantId: string; user: { id: string; email: string }; requestId?: string | null; ip?: string | null };

export async function setSyncMode(ctx: ModeCtx, input: { qboConnectionId: string; mode: "shadow" | "live" }): Promise<{ qboConnectionId: string; mode: "shadow" | "live" }> {
  const shadowMode = input.mode === "shadow";
  return db
    .$transaction(async (tx) => {
      const connection = await tx.qboConnection.findFirst({ where: { id: input.qboConnectionId, workspaceId: ctx.tenantId }, select: { id: true, shadowMode: true } });
      if (!connection) throw new AppError("NOT_FOUND", "There is no such QuickBooks connection in this workspace.");
      if (connection.shadowMode !== shadowMode) {
        await tx.qboConnection.update({ where: { id: connection.id }, data: { shadowMode } });
        await recordAudit(tx, {
          workspaceId: ctx.tenantId,
          actor: { type: "USER", id: ctx.user.id, label: ctx.user.email },
          action: "qbo.connection.sync_mode_changed",
          target: { type: "QboConnection", id: connection.id },
          before: { mode: connection.shadowMode ? "shadow" : "live" },
          after: { mode: input.mode },
          requestId: ctx.requestId,
          ip: ctx.ip,
        });
        if (!shadowMode) await enqueueKick(tx, ctx.tenantId, connection.id, `live:${Date.now()}`);
      }
      return { qboConnectionId: connection.id, mode: input.mode };
    })
    .finally(() => kickDispatcher());
}
