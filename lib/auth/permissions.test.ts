import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { apiRequest, routeParams } from "../../test/http";
import { createWorkspaceWith } from "../../test/fixtures";
import { withWorkspace } from "../tenancy/with-workspace";
import { can, canApproveHold, PERMISSIONS, ROLES, type Permission } from "./permissions";

// The role matrix: every permission for every role, proved through the real route wrapper with a real session,
// and the README's table proved equal to the code's.

const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[];

function readmeMatrix(): Map<string, string[]> {
  const readme = readFileSync(path.resolve(import.meta.dirname, "../../README.md"), "utf8");
  const section = readme.split("### Roles and permissions")[1]?.split("\n## ")[0] ?? "";
  const rows = section.split("\n").filter((line) => line.startsWith("| `"));
  return new Map(
    rows.map((line) => {
      const cells = line.split("|").map((c) => c.trim());
      const permission = cells[1]!.replaceAll("`", "");
      // Columns: permission, what it allows, owner, admin, accountant, viewer.
      const roles = ROLES.filter((_, i) => cells[3 + i] === "✓");
      return [permission, roles];
    }),
  );
}

describe("roles and permissions", () => {
  it("the README documents exactly the permission table in code", () => {
    const documented = readmeMatrix();
    expect([...documented.keys()].sort()).toEqual([...PERMISSION_NAMES].sort());
    for (const permission of PERMISSION_NAMES) expect(documented.get(permission), permission).toEqual(PERMISSIONS[permission]);
  });

  it("only owners and admins manage members, connections and API keys; viewers only read", () => {
    expect(ROLES.filter((r) => can(r, "members.manage"))).toEqual(["OWNER", "ADMIN"]);
    expect(ROLES.filter((r) => can(r, "connections.manage"))).toEqual(["OWNER", "ADMIN"]);
    expect(ROLES.filter((r) => can(r, "apiKeys.manage"))).toEqual(["OWNER", "ADMIN"]);
    expect(PERMISSION_NAMES.filter((p) => can("VIEWER", p))).toEqual(["workspace.read"]);
  });

  describe("the route wrapper enforces each permission for each role", async () => {
    const { workspace, members } = await createWorkspaceWith([...ROLES]);
    for (const permission of PERMISSION_NAMES) {
      for (const { role, user } of members) {
        const allowed = (PERMISSIONS[permission] as readonly string[]).includes(role);
        it(`${role.toLowerCase()} ${allowed ? "may" : "may not"} ${permission}`, async () => {
          let reached = false;
          const handler = withWorkspace(permission, async (_req, ctx) => {
            reached = true;
            return Response.json({ tenantId: ctx.tenantId, role: ctx.role });
          });
          const response = await handler(await apiRequest("POST", `/api/w/${workspace.slug}/probe`, { userId: user.id, body: {} }), routeParams({ slug: workspace.slug }));
          expect(response.status).toBe(allowed ? 200 : 403);
          expect(reached).toBe(allowed);
          if (allowed) expect(await response.json()).toEqual({ tenantId: workspace.id, role });
          else expect(await response.json()).toMatchObject({ code: "FORBIDDEN" });
        });
      }
    }
  });

  it("nobody approves a hold they requested, whatever their role", () => {
    for (const role of ROLES) {
      expect(canApproveHold({ role, approverId: "u1", requestedById: "u1" })).toBe(false);
      expect(canApproveHold({ role, approverId: "u1", requestedById: "u2" })).toBe(can(role, "postings.approve"));
    }
  });
});
