import { parseJson } from "@/lib/http/parse-json";
import { CreateInvitationSchema, createInvitation } from "@/lib/invitations/create-invitation";
import { listOpenInvitations } from "@/lib/invitations/list-invitations";
import { withWorkspace } from "@/lib/tenancy/with-workspace";

export const GET = withWorkspace("members.manage", async (_request, ctx) => Response.json({ invitations: await listOpenInvitations(ctx) }));

export const POST = withWorkspace("members.manage", async (request, ctx) => {
  const input = await parseJson(request, CreateInvitationSchema);
  return Response.json({ invitation: await createInvitation(ctx, input) }, { status: 201 });
});
