import { setSourceStatus } from "@/lib/sources/manage/set-source-status";
import { withWorkspace } from "@/lib/tenancy/with-workspace";

export const POST = withWorkspace<{ slug: string; sourceId: string }>("connections.manage", async (_request, ctx, { sourceId }) =>
  Response.json(await setSourceStatus(ctx, sourceId, "resume")),
);
