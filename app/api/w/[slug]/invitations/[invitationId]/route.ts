import { revokeInvitation } from "@/lib/invitations/revoke-invitation";
import { withWorkspace } from "@/lib/tenancy/with-workspace";

export const DELETE = withWorkspace<{ slug: string; invitationId: string }>("members.manage", async (_request, ctx, { invitationId }) => {
  await revokeInvitation(ctx, invitationId);
  return new Response(null, { status: 204 });
});
