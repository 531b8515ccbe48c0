import { parseJson } from "@/lib/http/parse-json";
import { ChangeMemberRoleSchema, changeMember } from "@/lib/members/change-member";
import { withWorkspace } from "@/lib/tenancy/with-workspace";

type Params = { slug: string; memberId: string };

export const PATCH = withWorkspace<Params>("members.manage", async (request, ctx, { memberId }) => {
  const { role } = await parseJson(request, ChangeMemberRoleSchema);
  return Response.json({ member: await changeMember(ctx, { memberId, role }) });
});

export const DELETE = withWorkspace<Params>("members.manage", async (_request, ctx, { memberId }) => {
  await changeMember(ctx, { memberId, role: null });
  return new Response(null, { status: 204 });
});
