import { db } from "../db";
import { recordAudit } from "../audit/record-audit";

// A sign-in is not tied to one workspace, so it is recorded in the audit log of every workspace the person
// belongs to: each workspace's admins can see who entered and how.
export async function recordSignIn(input: { userId: string; email: string | null; method: string }): Promise<void> {
  const memberships = await db.membership.findMany({ where: { userId: input.userId }, select: { workspaceId: true } });
  for (const { workspaceId } of memberships) {
    await recordAudit(db, {
      workspaceId,
      actor: { type: "USER", id: input.userId, label: input.email ?? undefined },
      action: "user.signed_in",
      target: { type: "User", id: input.userId },
      after: { method: input.method },
    });
  }
}
