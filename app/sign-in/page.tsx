import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { DEMO_USERS } from "@/lib/demo/seed-demo";
import { env } from "@/lib/env";
import { canSendMail } from "@/lib/mail/send-mail";
import { signInAsDemoUser, signInWithEmail, signInWithIntuit } from "./actions";

export const metadata: Metadata = { title: "Sign in" };

const ERRORS: Record<string, string> = {
  demo: "That demo user could not be signed in. Is the demo workspace seeded?",
  email: "We could not send the sign-in email. Try again in a moment.",
  "email-invalid": "Enter a valid email address.",
  "rate-limited": "Too many sign-in links were asked for just now. Wait a few minutes, or use the link already sent.",
  Verification: "That sign-in link has expired or was already used. Ask for a new one.",
  Configuration: "Sign-in is not configured correctly on this server.",
  OAuthCallbackError: "Sign in with Intuit was cancelled or refused. Try again, or use another way to sign in.",
  OAuthAccountNotLinked: "That email address already signs in another way. Use the method you used before.",
  AccessDenied: "Intuit has not verified that account's email address, so it cannot sign in here. Verify it with Intuit, or sign in with an email link.",
};

type Props = { searchParams: Promise<{ callbackUrl?: string; error?: string; email?: string }> };

export default async function SignInPage({ searchParams }: Props) {
  const { callbackUrl = "/app", error, email } = await searchParams;
  const e = env();
  const emailEnabled = canSendMail();

  return (
    <main className="mx-auto max-w-md px-6 py-16">
      <Link href="/" className="text-lg font-semibold text-brand-900">
        Ledgerwire
      </Link>
      <h1 className="mt-8 text-2xl font-semibold">Sign in</h1>
      {error ? (
        <div className="mt-4">
          <Notice tone="error">{ERRORS[error] ?? "Sign-in failed. Try again."}</Notice>
        </div>
      ) : null}

      {e.intuitOidc ? (
        <form action={signInWithIntuit} className="mt-6">
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
          <Button type="submit" className="w-full">
            Sign in with Intuit
          </Button>
        </form>
      ) : null}

      {emailEnabled ? (
        <form action={signInWithEmail} className="mt-6 space-y-3" aria-label="Sign in with email">
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
          <TextField id="email" name="email" type="email" label="Email address" autoComplete="email" required defaultValue={email} />
          <Button type="submit" variant="secondary" className="w-full">
            Email me a sign-in link
          </Button>
        </form>
      ) : null}

      {e.demoMode ? (
        <section className="mt-10" aria-labelledby="demo-heading">
          <h2 id="demo-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-500">
            Demo sign-in
          </h2>
          <p className="mt-1 text-sm text-slate-600">Demo mode only: pick a seeded user to see what each role can do.</p>
          <ul className="mt-3 space-y-2">
            {DEMO_USERS.map((user) => (
              <li key={user.email}>
                <form action={signInAsDemoUser}>
                  <input type="hidden" name="email" value={user.email} />
                  <input type="hidden" name="callbackUrl" value={callbackUrl} />
                  <button
                    type="submit"
                    className="flex w-full items-center justify-between rounded-lg border border-slate-200 bg-white px-4 py-3 text-left text-sm hover:border-brand-600"
                  >
                    <span className="font-medium">Continue as {user.name}</span>
                    <span className="text-slate-500">{user.role.toLowerCase()}</span>
                  </button>
                </form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {!e.intuitOidc && !emailEnabled && !e.demoMode ? (
        <Notice tone="error" title="No sign-in method is configured">
          Set SMTP_URL for email links, or the INTUIT_OIDC_* variables for Sign in with Intuit.
        </Notice>
      ) : null}
    </main>
  );
}
