import { parseJson } from "@/lib/http/parse-json";
import { createQboAccount } from "@/lib/mappings/create-qbo-account";
import { CreateQboAccountSchema } from "@/lib/mappings/schemas";
import { withWorkspace } from "@/lib/tenancy/with-workspace";

export const POST = withWorkspace("mappings.edit", async (request, ctx) => {
  const input = await parseJson(request, CreateQboAccountSchema);
  const account = await createQboAccount(ctx, input);
  return Response.json(account, { status: account.created ? 201 : 200 });
});
