import { createApiKey } from "@/lib/api-keys/create-api-key";
import { CreateApiKeySchema } from "@/lib/api-keys/create-api-key-schema";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { parseJson } from "@/lib/http/parse-json";
import { withWorkspace } from "@/lib/tenancy/with-workspace";

export const GET = withWorkspace("apiKeys.manage", async (_request, ctx) => Response.json({ apiKeys: await listApiKeys(ctx) }));

// The answer holds the full key, the only time it is ever sent: no cache may keep a copy.
export const POST = withWorkspace("apiKeys.manage", async (request, ctx) => {
  const input = await parseJson(request, CreateApiKeySchema);
  return Response.json(await createApiKey(ctx, input), { status: 201, headers: { "cache-control": "no-store" } });
});
