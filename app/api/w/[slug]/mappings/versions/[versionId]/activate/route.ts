import { activateMappingVersion } from "@/lib/mappings/activate-mapping-version";
import { withWorkspace } from "@/lib/tenancy/with-workspace";

export const POST = withWorkspace<{ slug: string; versionId: string }>("mappings.edit", async (_request, ctx, { versionId }) =>
  Response.json(await activateMappingVersion(ctx, { versionId })),
);
