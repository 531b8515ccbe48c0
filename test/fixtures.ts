import { randomUUID } from "node:crypto";
import type { Role } from "../lib/db/generated/enums";
import { db } from "../lib/db";

/** A user with a unique email, for tests that must not collide with each other. */
export async function createUser(label: string) {
  const id = randomUUID().slice(0, 8);
  return db.user.create({ data: { email: `${label}-${id}@example.test`, name: `${label} ${id}` } });
}

/** A workspace with one member per given role, each a fresh user. */
export async function createWorkspaceWith(roles: Role[]) {
  const suffix = randomUUID().slice(0, 8);
  const workspace = await db.workspace.create({ data: { slug: `ws-${suffix}`, name: `Workspace ${suffix}` } });
  const members = [];
  for (const role of roles) {
    const user = await createUser(role.toLowerCase());
    const membership = await db.membership.create({ data: { workspaceId: workspace.id, userId: user.id, role } });
    members.push({ user, membership, role });
  }
  return { workspace, members };
}
