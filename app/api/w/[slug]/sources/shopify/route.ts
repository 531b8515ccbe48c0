import { parseJson } from "@/lib/http/parse-json";
import { connectShopify } from "@/lib/sources/manage/connect-shopify";
import { ConnectShopifySchema } from "@/lib/sources/manage/source-inputs";
import { withWorkspace } from "@/lib/tenancy/with-workspace";

export const POST = withWorkspace("connections.manage", async (request, ctx) => {
  const input = await parseJson(request, ConnectShopifySchema);
  const source = await connectShopify(ctx, input);
  return Response.json({ source: { id: source.id, name: source.name } }, { status: 201 });
});
