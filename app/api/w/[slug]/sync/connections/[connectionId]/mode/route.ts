import { z } from "zod";
import { parseJson } from "@/lib/http/parse-json";
import { setSyncMode } from "@/lib/sync/shadow";
import { withWorkspace } from "@/lib/tenancy/with-workspace";

type Params = { slug: string; connectionId: string };
const ModeSchema = z.object({ mode: z.enum(["shadow", "live"]) }).strict();

// Shadow or live: an admin's decision, audited.
export const PUT = withWorkspace<Params>("connections.manage", async (request, ctx, { connectionId }) => {
  const { mode } = await parseJson(request, ModeSchema);
  return Response.json(await setSyncMode(ctx, { qboConnectionId: connectionId, mode }));
});
