import { disconnectConnection } from "@/lib/qbo/disconnect";
import { withWorkspace } from "@/lib/tenancy/with-workspace";

type Params = { slug: string; connectionId: string };

export const POST = withWorkspace<Params>("connections.manage", async (_request, ctx, { connectionId }) => {
  const connection = await disconnectConnection(ctx, connectionId);
  return Response.json({ connection: { id: connection.id, status: connection.status } });
});
