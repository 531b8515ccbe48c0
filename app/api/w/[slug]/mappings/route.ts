import { getMappingState } from "@/lib/mappings/get-mapping-state";
import { withWorkspace } from "@/lib/tenancy/with-workspace";

// Everything the mapping page shows; every member may read it.
export const GET = withWorkspace("workspace.read", async (_request, ctx) => Response.json(await getMappingState(ctx)));
