import type { Metadata } from "next";
import { signInWithEmail } from "@/app/sign-in/actions";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { AcceptInvitationButton } from "@/components/workspace/accept-invitation-button";
import { auth } from "@/lib/auth/auth";
import { findInvitation } from "@/lib/invitations/find-invitation";
import { usesDemoMailbox } from "@/lib/mail/send-mail";

export const metadata: Metadata = { title: "Invitation" };

const CLOSED = {
  accepted: "This invitation has already been used.",
  revoked: "This invitation was withdrawn. Ask the person who invited you for a new one.",
  expired: "This invitation has expired. Ask the person who invited you for a new one.",
} as const;

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await findInvitation(token);
  const session = await auth();
  const signedInEmail = session?.user?.email?.toLowerCase();

  return (
    <main className="mx-auto max-w-md px-6 py-16">
      <p className="text-lg font-semibold text-brand-900">Ledgerwire</p>
      {!invitation ? (
        <div className="mt-8">
          <Notice tone="error" title="This invitation link is not valid">
            Check that you opened the whole link from the email.
          </Notice>
        </div>
      ) : invitation.state !== "open" ? (
        <div className="mt-8">
          <Notice tone="error">{CLOSED[invitation.state]}</Notice>
        </div>
      ) : (
        <div className="mt-8 space-y-6">
          <div>
            <h1 className="text-2xl font-semibold">Join {invitation.workspace.name}</h1>
            <p className="mt-2 text-slate-600">
              You are invited as <strong>{invitation.role.toLowerCase()}</strong>, at {invitation.email}.
            </p>
          </div>
          {!signedInEmail ? (
            <form action={signInWithEmail} className="space-y-3">
              <input type="hidden" name="email" value={invitation.email} />
              <input type="hidden" name="callbackUrl" value={`/invite/${token}`} />
              <p className="text-sm text-slate-600">Sign in as {invitation.email} to accept. We will email you a sign-in link.</p>
              <Button type="submit">Email me a sign-in link</Button>
              {usesDemoMailbox() ? <p className="text-sm text-slate-500">Demo mode: the link appears in the local mailbox.</p> : null}
            </form>
          ) : signedInEmail !== invitation.email ? (
            <div className="space-y-3">
              <Notice tone="error">
                This invitation is for {invitation.email}, and you are signed in as {signedInEmail}. Sign out, then open the link again.
              </Notice>
              <SignOutButton />
            </div>
          ) : (
            <AcceptInvitationButton token={token} workspaceName={invitation.workspace.name} />
          )}
        </div>
      )}
    </main>
  );
}
