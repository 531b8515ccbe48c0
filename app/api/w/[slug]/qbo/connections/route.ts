import { listConnections } from "@/lib/qbo/list-connections";
import { withWorkspace } from "@/lib/tenancy/with-workspace";

export const GET = withWorkspace("workspace.read", async (_request, ctx) => {
  return Response.json({ connections: await listConnections(ctx) });
});
