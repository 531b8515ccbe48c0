import type { Db } from "../db/create-client";
import { Role } from "../db/generated/enums";

export const DEMO_WORKSPACE_SLUG = "demo";

// One user per role, so demo sign-in can show what each role sees.
export const DEMO_USERS = [
  { email: "olivia.owner@demo.ledgerwire.test", name: "Olivia Owner", role: Role.OWNER },
  { email: "adam.admin@demo.ledgerwire.test", name: "Adam Admin", role: Role.ADMIN },
  { email: "ada.accountant@demo.ledgerwire.test", name: "Ada Accountant", role: Role.ACCOUNTANT },
  { email: "victor.viewer@demo.ledgerwire.test", name: "Victor Viewer", role: Role.VIEWER },
] as const;

export type SeedResult = { created: boolean; workspaceId: string };

// Seeds the demo workspace once. Later runs find it and change nothing, so whatever a person did in the demo
// survives restarts. The workspace's unique slug makes two racing seeds end with one workspace.
export async function seedDemo(db: Db): Promise<SeedResult> {
  const existing = await db.workspace.findUnique({ where: { slug: DEMO_WORKSPACE_SLUG }, select: { id: true } });
  if (existing) return { created: false, workspaceId: existing.id };

  return db.$transaction(async (tx) => {
    const workspace = await tx.workspace.create({
      data: { slug: DEMO_WORKSPACE_SLUG, name: "Acme Outdoor (demo)", isDemo: true },
    });
    for (const user of DEMO_USERS) {
      const row = await tx.user.upsert({
        where: { email: user.email },
        update: {},
        create: { email: user.email, name: user.name, emailVerified: new Date() },
      });
      await tx.membership.create({ data: { workspaceId: workspace.id, userId: row.id, role: user.role } });
    }
    return { created: true, workspaceId: workspace.id };
  });
}
