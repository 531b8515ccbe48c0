import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-md px-6 py-16">
      <h1 className="text-2xl font-semibold">You don&apos;t have access to this page</h1>
      <p className="mt-2 text-slate-600">Your role in this workspace does not include it. An owner or admin can change your role.</p>
      <Link href="/app" className="mt-6 inline-block font-medium text-brand-700 underline">
        Back to your workspace
      </Link>
    </main>
  );
}
