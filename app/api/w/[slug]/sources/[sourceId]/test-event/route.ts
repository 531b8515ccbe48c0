import { sendTestEvent } from "@/lib/sources/manage/send-test-event";
import { withWorkspace } from "@/lib/tenancy/with-workspace";

// Sends a signed test delivery to this source's own webhook URL and says whether it was stored (it books nothing).
export const POST = withWorkspace<{ slug: string; sourceId: string }>("connections.manage", async (_request, ctx, { sourceId }) =>
  Response.json(await sendTestEvent(ctx, sourceId)),
);
