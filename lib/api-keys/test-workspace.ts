import type { Role } from "../db/generated/enums";
import type { WorkspaceContext } from "../tenancy/with-workspace";
import { createWorkspaceWith } from "../../test/fixtures";

/** For this folder's tests: a fresh workspace and the context its first member's requests would carry. */
export async function workspaceContext(role: Role = "OWNER"): Promise<WorkspaceContext> {
  const { workspace, members } = await createWorkspaceWith([role]);
  const { user } = members[0]!;
  return {
    tenantId: workspace.id,
    workspace: { id: workspace.id, slug: workspace.slug, name: workspace.name },
    user: { id: user.id, email: user.email, name: user.name },
    role,
    requestId: `req-${workspace.slug}`,
    ip: "203.0.113.9",
  };
}
