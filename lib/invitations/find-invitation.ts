import { db } from "../db";
import { hashInvitationToken } from "./invitation-token";

export type InvitationState = "open" | "accepted" | "revoked" | "expired";

/** The invitation behind a token, for the accept page: the token is the credential, no workspace is assumed. */
export async function findInvitation(token: string) {
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: hashInvitationToken(token) },
    select: { id: true, email: true, role: true, expiresAt: true, acceptedAt: true, revokedAt: true, workspace: { select: { id: true, slug: true, name: true } } },
  });
  if (!invitation) return null;
  const state: InvitationState = invitation.acceptedAt
    ? "accepted"
    : invitation.revokedAt
      ? "revoked"
      : invitation.expiresAt <= new Date()
        ? "expired"
        : "open";
  return { ...invitation, state };
}
