import { recordAudit } from "../../audit/record-audit";
import { db } from "../../db";
import type { SourceConnectionStatus } from "../../db/generated/enums";
import { AppError } from "../../errors/app-error";
import { auditedBy } from "../../tenancy/actor";
import type { WorkspaceContext } from "../../tenancy/with-workspace";
import { forgetWebhookConnection } from "../source-connection";

// Pause keeps receiving: a paused source's deliveries are still verified, stored and normalised (answered 200),
// and only posting waits (postingTargetForSource answers PAUSED) until it is resumed. Answering errors instead,
// so the sender retries later, would hand our backlog to the sender's retry policy: Stripe gives up after three
// days and disables an endpoint that keeps failing, and Shopify stops retrying within hours and removes the
// subscription, so a long pause would lose events. Disconnect is the end: the secrets are erased, deliveries are
// refused exactly as for an unknown connection, and the row and its history stay for the audit trail.

type Change = { to: SourceConnectionStatus; from: SourceConnectionStatus[]; action: string };

const CHANGES = {
  pause: { to: "PAUSED", from: ["ACTIVE"], action: "source.connection.paused" },
  resume: { to: "ACTIVE", from: ["PAUSED"], action: "source.connection.resumed" },
  disconnect: { to: "DISCONNECTED", from: ["ACTIVE", "PAUSED"], action: "source.connection.disconnected" },
} as const satisfies Record<string, Change>;

export type StatusChange = keyof typeof CHANGES;

/**
 * Pauses, resumes or disconnects a source of this workspace. Asking for the state it is already in changes
 * nothing and writes no second audit entry (a double click, a retried request); resuming a disconnected source is
 * a 409, because its secrets are gone.
 */
export async function setSourceStatus(ctx: WorkspaceContext, sourceId: string, change: StatusChange) {
  const { to, from, action } = CHANGES[change];
  const now = new Date();
  const result = await db.$transaction(async (tx) => {
    const before = await tx.sourceConnection.findFirst({ where: { id: sourceId, workspaceId: ctx.tenantId }, select: { id: true, name: true, status: true } });
    if (!before) throw new AppError("NOT_FOUND", "There is no source with that id in this workspace.");
    // The conditional update decides: of two concurrent calls only one still matches `from`.
    const data =
      to === "DISCONNECTED"
        ? { status: to, disconnectedAt: now, pausedAt: null, rotationStartedAt: null, secretsCiphertext: null, secretsKeyId: null }
        : { status: to, pausedAt: to === "PAUSED" ? now : null };
    const changed = await tx.sourceConnection.updateMany({ where: { id: sourceId, workspaceId: ctx.tenantId, status: { in: [...from] } }, data });
    if (changed.count === 0) {
      if (before.status === to) return { status: to, changed: false };
      throw new AppError("CONFLICT", before.status === "DISCONNECTED" ? "This source is disconnected: connect it again as a new source instead." : `This source is ${before.status.toLowerCase()}.`);
    }
    await recordAudit(tx, {
      ...auditedBy(ctx.tenantId, ctx.user, ctx),
      action,
      target: { type: "SourceConnection", id: sourceId },
      before: { name: before.name, status: before.status },
      after: { name: before.name, status: to },
    });
    return { status: to, changed: true };
  });
  forgetWebhookConnection(sourceId);
  return result;
}
