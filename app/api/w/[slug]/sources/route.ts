import { listSources } from "@/lib/sources/manage/list-sources";
import { withWorkspace } from "@/lib/tenancy/with-workspace";

// Hints only: no secret is ever in this answer.
export const GET = withWorkspace("connections.manage", async (_request, ctx) => Response.json({ sources: await listSources(ctx) }));
