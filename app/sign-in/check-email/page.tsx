import Link from "next/link";
import { usesDemoMailbox } from "@/lib/mail/send-mail";

export default function CheckEmailPage() {
  return (
    <main className="mx-auto max-w-md px-6 py-16">
      <h1 className="text-2xl font-semibold">Check your email</h1>
      <p className="mt-3 text-slate-600">We sent you a sign-in link. It works once and expires in 24 hours.</p>
      {usesDemoMailbox() ? (
        <p className="mt-3 text-slate-600">
          Demo mode has no mail server: the message is in the{" "}
          <Link className="font-medium text-brand-700 underline" href="/dev/mailbox">
            local mailbox
          </Link>
          .
        </p>
      ) : null}
    </main>
  );
}
