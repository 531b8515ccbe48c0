import { getSyncStatus } from "@/lib/sync/sync-status";
import { withWorkspace } from "@/lib/tenancy/with-workspace";

// The pipeline at a glance; every member may look.
export const GET = withWorkspace("workspace.read", async (_request, ctx) => Response.json(await getSyncStatus(ctx)));
