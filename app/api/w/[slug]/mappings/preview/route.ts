import { parseJson } from "@/lib/http/parse-json";
import { previewPosting } from "@/lib/mappings/preview-posting";
import { PreviewPostingSchema } from "@/lib/mappings/schemas";
import { withWorkspace } from "@/lib/tenancy/with-workspace";

// A preview sends nothing to QuickBooks and changes nothing: every member may look.
export const POST = withWorkspace("workspace.read", async (request, ctx) => {
  const input = await parseJson(request, PreviewPostingSchema);
  return Response.json(await previewPosting(ctx, input));
});
