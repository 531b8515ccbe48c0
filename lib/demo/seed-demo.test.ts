import { describe, expect, it } from "vitest";
import { useTestDb } from "../../test/db";
import { DEMO_USERS, DEMO_WORKSPACE_SLUG, seedDemo } from "./seed-demo";

describe("seedDemo", () => {
  const db = useTestDb();

  it("seeds one demo workspace with a member per role, and only once", async () => {
    const first = await seedDemo(db);
    const again = await seedDemo(db);
    expect(again).toEqual({ created: false, workspaceId: first.workspaceId });

    const workspaces = await db.workspace.findMany({ where: { slug: DEMO_WORKSPACE_SLUG } });
    expect(workspaces).toHaveLength(1);
    const members = await db.membership.findMany({
      where: { workspaceId: first.workspaceId },
      include: { user: true },
      orderBy: { role: "asc" },
    });
    expect(members.map((m) => [m.user.email, m.role])).toEqual(DEMO_USERS.map((u) => [u.email, u.role]));
  });
});
