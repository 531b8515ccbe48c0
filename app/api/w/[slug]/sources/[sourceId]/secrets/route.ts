import { parseJson } from "@/lib/http/parse-json";
import { addWebhookSecret } from "@/lib/sources/manage/rotate-webhook-secret";
import { AddWebhookSecretSchema } from "@/lib/sources/manage/source-inputs";
import { withWorkspace } from "@/lib/tenancy/with-workspace";

/** The first signing secret of a Stripe source, or a new one that starts a rotation (old and new both accepted). */
export const POST = withWorkspace<{ slug: string; sourceId: string }>("connections.manage", async (request, ctx, { sourceId }) => {
  const input = await parseJson(request, AddWebhookSecretSchema);
  return Response.json(await addWebhookSecret(ctx, sourceId, input), { status: 201 });
});
