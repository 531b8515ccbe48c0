import { describe, expect, it } from "vitest";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { createWorkspaceWith } from "@/test/fixtures";
import { apiRequest, routeParams } from "@/test/http";
import { GET as exportCsv } from "./export/route";
import { GET as verify } from "./verify/route";

describe("audit routes", () => {
  it("exports the filtered log as CSV, and records that it was exported", async () => {
    const { workspace, members } = await createWorkspaceWith(["OWNER", "ACCOUNTANT", "VIEWER"]);
    const [owner, accountant, viewer] = members;
    await recordAudit(db, { workspaceId: workspace.id, actor: { type: "USER", id: owner!.user.id, label: owner!.user.email }, action: "member.role_changed", target: { type: "Membership", id: "m1" } });
    await recordAudit(db, { workspaceId: workspace.id, actor: { type: "SYSTEM" }, action: "connection.refreshed" });

    const response = await exportCsv(await apiRequest("GET", `/x?action=member`, { userId: accountant!.user.id }), routeParams({ slug: workspace.slug }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="audit-${workspace.slug}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`));
    const lines = (await response.text()).trim().split("\r\n");
    expect(lines).toHaveLength(2); // header + the one member.* entry
    expect(lines[1]).toContain("member.role_changed");
    expect(lines[1]).toContain(owner!.user.email);

    const exported = await db.auditEntry.findFirstOrThrow({ where: { workspaceId: workspace.id, action: "audit.exported" } });
    expect(exported).toMatchObject({ actorId: accountant!.user.id, after: { filters: { action: "member" } } });

    const refused = await exportCsv(await apiRequest("GET", "/x", { userId: viewer!.user.id }), routeParams({ slug: workspace.slug }));
    expect(refused.status).toBe(403);
  });

  it("reports a tampered row through the verify endpoint", async () => {
    const { workspace, members } = await createWorkspaceWith(["OWNER"]);
    const actor = { type: "USER" as const, id: members[0]!.user.id };
    await recordAudit(db, { workspaceId: workspace.id, actor, action: "member.added" });
    const victim = await recordAudit(db, { workspaceId: workspace.id, actor, action: "member.role_changed", after: { role: "VIEWER" } });
    await recordAudit(db, { workspaceId: workspace.id, actor, action: "member.removed" });

    const ok = await verify(await apiRequest("GET", "/x", { userId: actor.id }), routeParams({ slug: workspace.slug }));
    expect(await ok.json()).toEqual({ ok: true, entries: 3 });

    await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL session_replication_role = replica");
      await tx.$executeRawUnsafe(`UPDATE "AuditEntry" SET "after" = '{"role":"OWNER"}' WHERE id = $1`, victim.id);
    });
    const broken = await verify(await apiRequest("GET", "/x", { userId: actor.id }), routeParams({ slug: workspace.slug }));
    expect(await broken.json()).toMatchObject({ ok: false, brokenAt: { id: victim.id, seq: 2 } });
  });

  it("answers bad filters with 422 before streaming anything", async () => {
    const { workspace, members } = await createWorkspaceWith(["OWNER"]);
    const response = await exportCsv(await apiRequest("GET", "/x?from=2026-02-01&to=2026-01-01", { userId: members[0]!.user.id }), routeParams({ slug: workspace.slug }));
    expect(response.status).toBe(422);
  });
});
