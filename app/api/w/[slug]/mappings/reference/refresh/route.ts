import { parseJson } from "@/lib/http/parse-json";
import { refreshReferenceData } from "@/lib/mappings/refresh-reference-data";
import { ConnectionOnlySchema } from "@/lib/mappings/schemas";
import { withWorkspace } from "@/lib/tenancy/with-workspace";

// Reading QuickBooks' lists again spends metered reads: for the people who edit mappings.
export const POST = withWorkspace("mappings.edit", async (request, ctx) => {
  const input = await parseJson(request, ConnectionOnlySchema);
  return Response.json(await refreshReferenceData(ctx, input));
});
