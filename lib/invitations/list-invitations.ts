import { db } from "../db";

/** Invitations still waiting for an answer. */
export async function listOpenInvitations({ tenantId }: { tenantId: string }) {
  return db.invitation.findMany({
    where: { workspaceId: tenantId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true, email: true, role: true, expiresAt: true, createdAt: true, invitedBy: { select: { email: true, name: true } } },
    orderBy: { createdAt: "desc" },
  });
}
