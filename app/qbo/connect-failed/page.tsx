import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/tenancy/page-context";

export const metadata: Metadata = { title: "QuickBooks was not connected" };

// Where the QuickBooks callback sends a person when it cannot finish: each reason in words, and a way back.
const REASONS: Record<string, { title: string; body: string }> = {
  expired: { title: "That connection attempt expired.", body: "Connect links from Intuit are good for 10 minutes. Start again from the Connections page." },
  replayed: { title: "That connection attempt was already used.", body: "Each attempt works once (a page reload or the back button can send it twice). Check the Connections page: the company may already be connected." },
  tampered: { title: "That connection attempt could not be verified.", body: "The link back from Intuit was altered or did not come from this server. Start again from the Connections page." },
  malformed: { title: "That connection attempt could not be verified.", body: "The link back from Intuit was incomplete. Start again from the Connections page." },
  unknown: { title: "That connection attempt is not known here.", body: "Start again from the Connections page." },
  wrong_user: { title: "That connection attempt belongs to someone else.", body: "Only the person who clicked Connect can finish it. Start your own from the Connections page." },
  forbidden: { title: "You can no longer connect QuickBooks in that workspace.", body: "Connecting needs the owner or admin role. Ask an owner of the workspace." },
  exchange_failed: { title: "Intuit did not complete the connection.", body: "Nothing was stored. Try again in a moment; if it keeps failing, Intuit may be having trouble." },
};

export default async function ConnectFailedPage({ searchParams }: { searchParams: Promise<{ reason?: string }> }) {
  await requirePageUser();
  const { reason = "unknown" } = await searchParams;
  const text = REASONS[reason] ?? REASONS.unknown!;
  return (
    <main className="mx-auto max-w-xl px-6 py-16">
      <h1 className="text-2xl font-semibold">QuickBooks was not connected</h1>
      <div role="alert" className="mt-6 rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-red-800">
        <p className="font-medium">{text.title}</p>
        <p className="mt-1 text-sm">{text.body}</p>
      </div>
      <p className="mt-6">
        <Link href="/app" className="text-brand-700 underline">
          Back to Ledgerwire
        </Link>
      </p>
    </main>
  );
}
