import { parseJson } from "@/lib/http/parse-json";
import { SyncSettingsSchema, updateSyncSettings } from "@/lib/sync/sync-settings";
import { withWorkspace } from "@/lib/tenancy/with-workspace";

export const PATCH = withWorkspace("connections.manage", async (request, ctx) => Response.json({ settings: await updateSyncSettings(ctx, await parseJson(request, SyncSettingsSchema)) }));
