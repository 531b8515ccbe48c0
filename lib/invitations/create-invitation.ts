import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { Role } from "../db/generated/enums";
import { env } from "../env";
import { AppError } from "../errors/app-error";
import { sendMail } from "../mail/send-mail";
import { RATE_LIMITS } from "../rate-limit/rules";
import { takeRateLimit } from "../rate-limit/take-rate-limit";
import { invitationEmail } from "../mail/templates";
import { assertCanAssignRole } from "../members/role-rules";
import { auditedBy } from "../tenancy/actor";
import type { WorkspaceContext } from "../tenancy/with-workspace";
import { newInvitationToken } from "./invitation-token";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export const CreateInvitationSchema = z
  .object({ email: z.email("Enter a valid email address.").transform((e) => e.toLowerCase()), role: z.enum(Role) })
  .strict();
export type CreateInvitation = z.infer<typeof CreateInvitationSchema>;

export async function createInvitation(ctx: WorkspaceContext, input: CreateInvitation) {
  assertCanAssignRole(ctx.role, input.role);
  // Each invitation mails a stranger: limited per workspace, so the product cannot be used as a spam relay.
  await takeRateLimit(RATE_LIMITS.invitations, ctx.tenantId);
  const alreadyMember = await db.membership.count({ where: { workspaceId: ctx.tenantId, user: { email: input.email } } });
  if (alreadyMember) throw new AppError("CONFLICT", `${input.email} is already a member of this workspace.`);

  const { token, tokenHash } = newInvitationToken();
  const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
  const invitation = await db.$transaction(async (tx) => {
    // A new invitation replaces any still-open one for the same address, so only the latest link works.
    await tx.invitation.updateMany({
      where: { workspaceId: ctx.tenantId, email: input.email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    const created = await tx.invitation.create({
      data: { workspaceId: ctx.tenantId, email: input.email, role: input.role, tokenHash, invitedById: ctx.user.id, expiresAt },
      select: { id: true, email: true, role: true, expiresAt: true, createdAt: true },
    });
    await recordAudit(tx, {
      ...auditedBy(ctx.tenantId, ctx.user, ctx),
      action: "invitation.created",
      target: { type: "Invitation", id: created.id },
      after: { email: created.email, role: created.role, expiresAt: created.expiresAt },
    });
    return created;
  });

  const url = `${env().appUrl}/invite/${token}`;
  await sendMail({
    to: input.email,
    ...invitationEmail({ url, workspaceName: ctx.workspace.name, inviterName: ctx.user.name ?? ctx.user.email, role: input.role, expiresAt }),
  });
  return invitation;
}
