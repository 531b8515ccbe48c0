import { describe, expect, it } from "vitest";
import { createUser, createWorkspaceWith } from "../../test/fixtures";
import { recordSignIn } from "../auth/record-sign-in";
import { db } from "../db";
import { newInvitationToken } from "../invitations/invitation-token";
import { ensureFirstWorkspace } from "./ensure-first-workspace";

describe("first sign-in", () => {
  it("gives a newcomer a workspace they own, once, with its creation audited", async () => {
    const user = await createUser("newcomer");
    await ensureFirstWorkspace(user);
    await ensureFirstWorkspace(user);
    const memberships = await db.membership.findMany({ where: { userId: user.id }, include: { workspace: true } });
    expect(memberships).toHaveLength(1);
    expect(memberships[0]).toMatchObject({ role: "OWNER", workspace: { name: `${user.name}'s workspace` } });
    const audit = await db.auditEntry.findFirstOrThrow({ where: { workspaceId: memberships[0]!.workspaceId } });
    expect(audit).toMatchObject({ seq: 1, action: "workspace.created", actorId: user.id });
  });

  it("creates nothing for someone whose invitation is waiting", async () => {
    const { workspace, members } = await createWorkspaceWith(["OWNER"]);
    const invitee = await createUser("invited");
    await db.invitation.create({
      data: { workspaceId: workspace.id, email: invitee.email, role: "VIEWER", tokenHash: newInvitationToken().tokenHash, invitedById: members[0]!.user.id, expiresAt: new Date(Date.now() + 60_000) },
    });
    await ensureFirstWorkspace(invitee);
    expect(await db.membership.count({ where: { userId: invitee.id } })).toBe(0);
  });

  it("records a sign-in in the audit log of every workspace the person belongs to", async () => {
    const a = await createWorkspaceWith(["OWNER"]);
    const user = a.members[0]!.user;
    const b = await createWorkspaceWith([]);
    await db.membership.create({ data: { workspaceId: b.workspace.id, userId: user.id, role: "VIEWER" } });
    await recordSignIn({ userId: user.id, email: user.email, method: "email" });
    for (const workspaceId of [a.workspace.id, b.workspace.id]) {
      expect(await db.auditEntry.findFirstOrThrow({ where: { workspaceId, action: "user.signed_in" } })).toMatchObject({
        actorId: user.id,
        actorLabel: user.email,
        after: { method: "email" },
      });
    }
  });
});
