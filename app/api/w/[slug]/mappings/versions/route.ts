import { parseJson } from "@/lib/http/parse-json";
import { saveMappingVersion } from "@/lib/mappings/save-mapping-version";
import { SaveMappingVersionSchema } from "@/lib/mappings/schemas";
import { withWorkspace } from "@/lib/tenancy/with-workspace";

export const POST = withWorkspace("mappings.edit", async (request, ctx) => {
  const input = await parseJson(request, SaveMappingVersionSchema);
  return Response.json(await saveMappingVersion(ctx, input), { status: 201 });
});
