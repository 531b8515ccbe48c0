import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createUser, createWorkspaceWith } from "@/test/fixtures";
import { apiRequest, routeParams } from "@/test/http";
import { POST as acceptInvitation } from "../../../invitations/[token]/accept/route";
import { POST as invite } from "../invitations/route";
import { PATCH as changeRole, DELETE as removeMember } from "./[memberId]/route";

// Members and invitations through their real routes: who may do what, single-use invitations, and the audit
// entries each change leaves behind.

async function lastAudit(workspaceId: string) {
  return db.auditEntry.findFirstOrThrow({ where: { workspaceId }, orderBy: { seq: "desc" } });
}

function tokenFrom(link: string | null): string {
  return link?.split("/invite/")[1] ?? "";
}

describe("members and invitations", () => {
  it("an admin changes a role, and the change is audited with before and after", async () => {
    const { workspace, members } = await createWorkspaceWith(["OWNER", "ADMIN", "VIEWER"]);
    const [, admin, viewer] = members;
    const response = await changeRole(
      await apiRequest("PATCH", "/x", { userId: admin!.user.id, body: { role: "ACCOUNTANT" } }),
      routeParams({ slug: workspace.slug, memberId: viewer!.membership.id }),
    );
    expect(response.status).toBe(200);
    expect((await db.membership.findUniqueOrThrow({ where: { id: viewer!.membership.id } })).role).toBe("ACCOUNTANT");
    expect(await lastAudit(workspace.id)).toMatchObject({
      action: "member.role_changed",
      actorId: admin!.user.id,
      targetId: viewer!.membership.id,
      before: { role: "VIEWER", email: viewer!.user.email },
      after: { role: "ACCOUNTANT", email: viewer!.user.email },
    });
  });

  it("only an owner makes an owner, and the last owner cannot be demoted or removed", async () => {
    const { workspace, members } = await createWorkspaceWith(["OWNER", "ADMIN"]);
    const [owner, admin] = members;
    const params = (memberId: string) => routeParams({ slug: workspace.slug, memberId });

    const promote = await changeRole(await apiRequest("PATCH", "/x", { userId: admin!.user.id, body: { role: "OWNER" } }), params(admin!.membership.id));
    expect(promote.status).toBe(403);
    const demoteOwner = await changeRole(await apiRequest("PATCH", "/x", { userId: admin!.user.id, body: { role: "VIEWER" } }), params(owner!.membership.id));
    expect(demoteOwner.status).toBe(403);

    const selfDemote = await changeRole(await apiRequest("PATCH", "/x", { userId: owner!.user.id, body: { role: "ADMIN" } }), params(owner!.membership.id));
    expect(selfDemote.status).toBe(409);
    expect(((await selfDemote.json()) as { message: string }).message).toMatch(/at least one owner/);
    const selfRemove = await removeMember(await apiRequest("DELETE", "/x", { userId: owner!.user.id }), params(owner!.membership.id));
    expect(selfRemove.status).toBe(409);
    expect(await db.membership.count({ where: { workspaceId: workspace.id, role: "OWNER" } })).toBe(1);
  });

  it("a removed member loses access on their very next request", async () => {
    const { workspace, members } = await createWorkspaceWith(["OWNER", "ADMIN"]);
    const [owner, admin] = members;
    const removed = await removeMember(await apiRequest("DELETE", "/x", { userId: owner!.user.id }), routeParams({ slug: workspace.slug, memberId: admin!.membership.id }));
    expect(removed.status).toBe(204);
    expect(await lastAudit(workspace.id)).toMatchObject({ action: "member.removed", before: { role: "ADMIN" } });
    const after = await invite(await apiRequest("POST", "/x", { userId: admin!.user.id, body: { email: "x@example.test", role: "VIEWER" } }), routeParams({ slug: workspace.slug }));
    expect(after.status).toBe(404);
  });

  it("an invitation is mailed, works once, only for its address, and is audited when used", async () => {
    const { workspace, members } = await createWorkspaceWith(["OWNER"]);
    const invitee = await createUser("invitee");
    const stranger = await createUser("stranger");
    const sent = await invite(
      await apiRequest("POST", "/x", { userId: members[0]!.user.id, body: { email: invitee.email.toUpperCase(), role: "ACCOUNTANT" } }),
      routeParams({ slug: workspace.slug }),
    );
    expect(sent.status).toBe(201);
    const mail = await db.mailboxMessage.findFirstOrThrow({ where: { to: invitee.email }, orderBy: { createdAt: "desc" } });
    expect(mail.subject).toBe(`Join ${workspace.name} on Ledgerwire`);
    const token = tokenFrom(mail.link);
    expect(token).toHaveLength(43);
    // The token itself is never stored, only its hash.
    expect(await db.invitation.count({ where: { tokenHash: token } })).toBe(0);

    const wrongPerson = await acceptInvitation(await apiRequest("POST", "/x", { userId: stranger.id }), routeParams({ token }));
    expect(wrongPerson.status).toBe(403);

    const accepted = await acceptInvitation(await apiRequest("POST", "/x", { userId: invitee.id }), routeParams({ token }));
    expect(accepted.status).toBe(200);
    expect(await db.membership.findFirstOrThrow({ where: { workspaceId: workspace.id, userId: invitee.id } })).toMatchObject({ role: "ACCOUNTANT" });
    const actions = (await db.auditEntry.findMany({ where: { workspaceId: workspace.id }, orderBy: { seq: "asc" } })).map((e) => e.action);
    expect(actions.slice(-3)).toEqual(["invitation.created", "invitation.accepted", "member.added"]);

    const again = await acceptInvitation(await apiRequest("POST", "/x", { userId: invitee.id }), routeParams({ token }));
    expect(again.status).toBe(409);
    expect(((await again.json()) as { message: string }).message).toBe("This invitation has already been used.");
  });

  it("an expired invitation is refused with a sentence saying so", async () => {
    const { workspace, members } = await createWorkspaceWith(["OWNER"]);
    const invitee = await createUser("late");
    await invite(await apiRequest("POST", "/x", { userId: members[0]!.user.id, body: { email: invitee.email, role: "VIEWER" } }), routeParams({ slug: workspace.slug }));
    const mail = await db.mailboxMessage.findFirstOrThrow({ where: { to: invitee.email } });
    await db.invitation.updateMany({ where: { workspaceId: workspace.id, email: invitee.email }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const response = await acceptInvitation(await apiRequest("POST", "/x", { userId: invitee.id }), routeParams({ token: tokenFrom(mail.link) }));
    expect(response.status).toBe(409);
    expect(((await response.json()) as { message: string }).message).toMatch(/expired/);
    expect(await db.membership.count({ where: { workspaceId: workspace.id, userId: invitee.id } })).toBe(0);
  });

  it("answers invalid input with 422 naming the field", async () => {
    const { workspace, members } = await createWorkspaceWith(["OWNER"]);
    const response = await invite(
      await apiRequest("POST", "/x", { userId: members[0]!.user.id, body: { email: "not-an-email", role: "SUPERUSER" } }),
      routeParams({ slug: workspace.slug }),
    );
    expect(response.status).toBe(422);
    const body = (await response.json()) as { details: { errors: { path: string }[] } };
    expect(body.details.errors.map((e) => e.path).sort()).toEqual(["email", "role"]);
  });
});

describe("a write behind a proxy that sends an unusual X-Forwarded-For", () => {
  it("still succeeds and is audited without an address", async () => {
    const { workspace, members } = await createWorkspaceWith(["OWNER"]);
    const request = await apiRequest("POST", "/x", { userId: members[0]!.user.id, body: { email: "behind.proxy@example.test", role: "VIEWER" } });
    request.headers.set("x-forwarded-for", "unknown");
    const response = await invite(request, routeParams({ slug: workspace.slug }));
    expect(response.status).toBe(201);
    expect(await lastAudit(workspace.id)).toMatchObject({ action: "invitation.created", ip: null });
  });
});
