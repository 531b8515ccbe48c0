import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { Role } from "../db/generated/enums";
import { AppError } from "../errors/app-error";
import { auditedBy } from "../tenancy/actor";
import type { WorkspaceContext } from "../tenancy/with-workspace";
import { assertCanChangeMember } from "./role-rules";

export const ChangeMemberRoleSchema = z.object({ role: z.enum(Role) }).strict();
export type ChangeMemberRole = z.infer<typeof ChangeMemberRoleSchema>;

/**
 * Changes a member's role (or removes them, role null). Runs in one transaction that locks the workspace's
 * memberships, so two owners demoting each other at once cannot leave the workspace without an owner.
 */
export async function changeMember(ctx: WorkspaceContext, input: { memberId: string; role: Role | null }) {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM "Membership" WHERE "workspaceId" = ${ctx.tenantId} FOR UPDATE`;
    const member = await tx.membership.findFirst({
      where: { id: input.memberId, workspaceId: ctx.tenantId },
      select: { id: true, role: true, userId: true, user: { select: { email: true } } },
    });
    if (!member) throw new AppError("NOT_FOUND", "There is no such member in this workspace.");
    const ownerCount = await tx.membership.count({ where: { workspaceId: ctx.tenantId, role: "OWNER" } });
    assertCanChangeMember({ actorRole: ctx.role, currentRole: member.role, newRole: input.role, ownerCount });

    const before = { role: member.role, email: member.user.email };
    if (input.role === null) {
      await tx.membership.delete({ where: { id: member.id } });
    } else {
      await tx.membership.update({ where: { id: member.id }, data: { role: input.role } });
    }
    await recordAudit(tx, {
      ...auditedBy(ctx.tenantId, ctx.user, ctx),
      action: input.role === null ? "member.removed" : "member.role_changed",
      target: { type: "Membership", id: member.id },
      before,
      after: input.role === null ? undefined : { role: input.role, email: member.user.email },
    });
    return { id: member.id, role: input.role };
  });
}
