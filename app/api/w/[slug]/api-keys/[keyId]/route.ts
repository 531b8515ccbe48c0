import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { withWorkspace } from "@/lib/tenancy/with-workspace";

export const DELETE = withWorkspace<{ slug: string; keyId: string }>("apiKeys.manage", async (_request, ctx, { keyId }) => {
  await revokeApiKey(ctx, keyId);
  return new Response(null, { status: 204 });
});
