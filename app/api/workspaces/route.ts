import { parseJson } from "@/lib/http/parse-json";
import { withUser } from "@/lib/tenancy/with-workspace";
import { CreateWorkspaceSchema, createWorkspace } from "@/lib/workspaces/create-workspace";
import { listUserWorkspaces } from "@/lib/workspaces/list-user-workspaces";

export const GET = withUser(async (_request, user) => Response.json({ workspaces: await listUserWorkspaces(user.id) }));

export const POST = withUser(async (request, user) => {
  const input = await parseJson(request, CreateWorkspaceSchema);
  const workspace = await createWorkspace({ ...input, user, meta: user });
  return Response.json({ workspace: { id: workspace.id, slug: workspace.slug, name: workspace.name } }, { status: 201 });
});
