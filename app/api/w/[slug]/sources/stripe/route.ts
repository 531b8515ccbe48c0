import { parseJson } from "@/lib/http/parse-json";
import { connectStripe } from "@/lib/sources/manage/connect-stripe";
import { ConnectStripeSchema } from "@/lib/sources/manage/source-inputs";
import { withWorkspace } from "@/lib/tenancy/with-workspace";

export const POST = withWorkspace("connections.manage", async (request, ctx) => {
  const input = await parseJson(request, ConnectStripeSchema);
  const source = await connectStripe(ctx, input);
  return Response.json({ source: { id: source.id, name: source.name } }, { status: 201 });
});
