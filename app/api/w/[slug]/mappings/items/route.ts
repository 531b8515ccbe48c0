import { parseJson } from "@/lib/http/parse-json";
import { createQboItem } from "@/lib/mappings/create-qbo-item";
import { CreateQboItemSchema } from "@/lib/mappings/schemas";
import { withWorkspace } from "@/lib/tenancy/with-workspace";

export const POST = withWorkspace("mappings.edit", async (request, ctx) => {
  const input = await parseJson(request, CreateQboItemSchema);
  const item = await createQboItem(ctx, input);
  return Response.json(item, { status: item.created ? 201 : 200 });
});
