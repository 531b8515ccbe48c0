import { parseJson } from "@/lib/http/parse-json";
import { HoldRequestSchema, requestHold } from "@/lib/sync/holds";
import { withWorkspace } from "@/lib/tenancy/with-workspace";

type Params = { slug: string; postingId: string };

// Ask for a posting not yet sent to wait for another accountant's approval.
export const POST = withWorkspace<Params>("postings.approve", async (request, ctx, { postingId }) => {
  const { reason } = await parseJson(request, HoldRequestSchema);
  return Response.json({ posting: await requestHold(ctx, { postingId, reason }) });
});
