import { acceptInvitation } from "@/lib/invitations/accept-invitation";
import { withUser } from "@/lib/tenancy/with-workspace";

// The token in the path is the credential; the person accepting is the signed-in user.
export const POST = withUser<{ token: string }>(async (_request, user, { token }) => {
  const workspace = await acceptInvitation({ token, user, meta: user });
  return Response.json({ workspace });
});
