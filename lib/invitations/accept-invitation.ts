import { recordAudit } from "../audit/record-audit";
import type { SessionUser } from "../auth/session-user";
import { db } from "../db";
import { AppError } from "../errors/app-error";
import { auditedBy } from "../tenancy/actor";
import type { RequestMeta } from "../tenancy/request-meta";
import { hashInvitationToken } from "./invitation-token";

const REFUSALS = {
  accepted: "This invitation has already been used.",
  revoked: "This invitation was withdrawn. Ask for a new one.",
  expired: "This invitation has expired. Ask for a new one.",
} as const;

/**
 * Accepts an invitation for the signed-in person. Single use: the invitation is claimed with a conditional
 * update, so two clicks (or two tabs) can never both succeed.
 */
export async function acceptInvitation(input: { token: string; user: SessionUser; meta: RequestMeta }) {
  const tokenHash = hashInvitationToken(input.token);
  return db.$transaction(async (tx) => {
    const invitation = await tx.invitation.findUnique({ where: { tokenHash }, include: { workspace: { select: { id: true, slug: true, name: true } } } });
    if (!invitation) throw new AppError("NOT_FOUND", "This invitation link is not valid.");
    if (invitation.acceptedAt) throw new AppError("CONFLICT", REFUSALS.accepted);
    if (invitation.revokedAt) throw new AppError("CONFLICT", REFUSALS.revoked);
    if (invitation.expiresAt <= new Date()) throw new AppError("CONFLICT", REFUSALS.expired);
    if (invitation.email !== input.user.email.toLowerCase()) {
      throw new AppError("FORBIDDEN", `This invitation is for ${invitation.email}. Sign in with that address to accept it.`);
    }

    const claimed = await tx.invitation.updateMany({ where: { id: invitation.id, acceptedAt: null, revokedAt: null }, data: { acceptedAt: new Date() } });
    if (claimed.count !== 1) throw new AppError("CONFLICT", REFUSALS.accepted);

    const existing = await tx.membership.findUnique({ where: { workspaceId_userId: { workspaceId: invitation.workspaceId, userId: input.user.id } } });
    if (existing) throw new AppError("CONFLICT", `You are already a member of ${invitation.workspace.name}.`);
    const membership = await tx.membership.create({ data: { workspaceId: invitation.workspaceId, userId: input.user.id, role: invitation.role } });

    const audit = auditedBy(invitation.workspaceId, input.user, input.meta);
    await recordAudit(tx, { ...audit, action: "invitation.accepted", target: { type: "Invitation", id: invitation.id }, after: { email: invitation.email } });
    await recordAudit(tx, {
      ...audit,
      action: "member.added",
      target: { type: "Membership", id: membership.id },
      after: { email: input.user.email, role: membership.role },
    });
    return invitation.workspace;
  });
}
