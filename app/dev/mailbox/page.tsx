import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { EmptyState } from "@/components/ui/notice";
import { auth } from "@/lib/auth/auth";
import { env } from "@/lib/env";
import { listMailbox, mailboxReader } from "@/lib/mail/send-mail";

export const metadata: Metadata = { title: "Demo mailbox" };

// The demo mode's stand-in for an inbox. It shows every message the demo sent, working sign-in links included:
// on a developer's machine to whoever runs it; in production only when DEV_MAILBOX=true, and then only to a
// signed-in owner (lib/mail/send-mail.ts). Anyone else gets the not-found page, as if there were no mailbox.
export default async function MailboxPage({ searchParams }: { searchParams: Promise<{ to?: string }> }) {
  const session = env().nodeEnv === "production" ? await auth() : null;
  const access = await mailboxReader(env(), session?.user?.id ?? null);
  if (access === "SIGN_IN") redirect("/sign-in?callbackUrl=%2Fdev%2Fmailbox");
  if (access !== "OPEN") notFound();
  const { to } = await searchParams;
  const messages = await listMailbox({ to: typeof to === "string" ? to : undefined });

  return (
    <main className="mx-auto max-w-3xl px-6 py-12">
      {/* People arrive here from "check your email"; the way back is to the sign-in page or their workspace. */}
      <nav aria-label="Back" className="mb-4 flex gap-4 text-sm">
        <Link href="/app" className="font-medium text-brand-700 hover:underline">
          ← Back to Ledgerwire
        </Link>
        <Link href="/sign-in" className="text-slate-600 hover:underline">
          Sign-in page
        </Link>
      </nav>
      <h1 className="text-2xl font-semibold">Demo mailbox</h1>
      <p className="mt-2 text-sm text-slate-600">Email sent in demo mode lands here instead of a real inbox. Newest first.</p>
      <div className="mt-6 space-y-4">
        {messages.length === 0 ? (
          <EmptyState title="No messages yet">Sign in with email or invite a member, and the message appears here.</EmptyState>
        ) : (
          messages.map((m) => (
            <article key={m.id} aria-label={`${m.subject} to ${m.to}`} className="rounded-xl border border-slate-200 bg-white p-5">
              <header className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 className="font-medium">{m.subject}</h2>
                <time className="text-xs text-slate-500" dateTime={m.createdAt.toISOString()}>
                  {m.createdAt.toUTCString()}
                </time>
              </header>
              <p className="text-sm text-slate-600">To: {m.to}</p>
              <p className="mt-3 whitespace-pre-line text-sm text-slate-700">{m.text.split("\n\n")[0]}</p>
              {m.link ? (
                <a href={m.link} className="mt-3 inline-block rounded-lg bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700">
                  {m.subject.startsWith("Sign in") ? "Open sign-in link" : "Open invitation"}
                </a>
              ) : null}
            </article>
          ))
        )}
      </div>
    </main>
  );
}
