import { parseJson } from "@/lib/http/parse-json";
import { setSourceStatus } from "@/lib/sources/manage/set-source-status";
import { UpdateSourceSchema } from "@/lib/sources/manage/source-inputs";
import { updateSource } from "@/lib/sources/manage/update-source";
import { withWorkspace } from "@/lib/tenancy/with-workspace";

type Params = { slug: string; sourceId: string };

export const PATCH = withWorkspace<Params>("connections.manage", async (request, ctx, { sourceId }) => {
  const input = await parseJson(request, UpdateSourceSchema);
  return Response.json({ source: await updateSource(ctx, sourceId, input) });
});

/** Disconnect: the secrets are erased; the row and its deliveries stay for the audit trail. */
export const DELETE = withWorkspace<Params>("connections.manage", async (_request, ctx, { sourceId }) => {
  await setSourceStatus(ctx, sourceId, "disconnect");
  return new Response(null, { status: 204 });
});
