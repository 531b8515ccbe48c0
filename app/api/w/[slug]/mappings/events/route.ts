import { listPreviewEvents } from "@/lib/mappings/list-preview-events";
import { withWorkspace } from "@/lib/tenancy/with-workspace";

export const GET = withWorkspace("workspace.read", async (_request, ctx) => Response.json({ events: await listPreviewEvents(ctx) }));
