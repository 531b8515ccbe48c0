import { db } from "../db";
import { createWorkspace } from "./create-workspace";

/**
 * A person's first sign-in gives them a workspace of their own, unless an invitation is waiting for them
 * (they came to join someone else's, and a spare empty workspace would only confuse).
 */
export async function ensureFirstWorkspace(user: { id: string; email: string; name: string | null }): Promise<void> {
  if (await db.membership.count({ where: { userId: user.id } })) return;
  const pending = await db.invitation.count({
    where: { email: user.email.toLowerCase(), acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
  });
  if (pending) return;
  const owner = user.name?.trim() || user.email.split("@")[0] || "My";
  await createWorkspace({ name: `${owner}'s workspace`, user });
}
