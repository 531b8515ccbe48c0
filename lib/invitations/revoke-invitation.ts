import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { AppError } from "../errors/app-error";
import { auditedBy } from "../tenancy/actor";
import type { WorkspaceContext } from "../tenancy/with-workspace";

export async function revokeInvitation(ctx: WorkspaceContext, invitationId: string) {
  return db.$transaction(async (tx) => {
    const revoked = await tx.invitation.updateMany({
      where: { id: invitationId, workspaceId: ctx.tenantId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (revoked.count !== 1) throw new AppError("NOT_FOUND", "There is no open invitation with that id in this workspace.");
    await recordAudit(tx, {
      ...auditedBy(ctx.tenantId, ctx.user, ctx),
      action: "invitation.revoked",
      target: { type: "Invitation", id: invitationId },
    });
  });
}
