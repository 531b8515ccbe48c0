import { finishRotation } from "@/lib/sources/manage/rotate-webhook-secret";
import { withWorkspace } from "@/lib/tenancy/with-workspace";

export const POST = withWorkspace<{ slug: string; sourceId: string }>("connections.manage", async (_request, ctx, { sourceId }) =>
  Response.json(await finishRotation(ctx, sourceId)),
);
