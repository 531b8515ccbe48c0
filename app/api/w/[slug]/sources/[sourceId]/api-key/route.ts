import { parseJson } from "@/lib/http/parse-json";
import { replaceApiKey } from "@/lib/sources/manage/replace-api-key";
import { ReplaceApiKeySchema } from "@/lib/sources/manage/source-inputs";
import { withWorkspace } from "@/lib/tenancy/with-workspace";

export const PUT = withWorkspace<{ slug: string; sourceId: string }>("connections.manage", async (request, ctx, { sourceId }) => {
  const input = await parseJson(request, ReplaceApiKeySchema);
  return Response.json(await replaceApiKey(ctx, sourceId, input));
});
