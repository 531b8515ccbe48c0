import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-md px-6 py-16">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-slate-600">There is nothing here, or it belongs to a workspace you are not a member of.</p>
      <Link href="/app" className="mt-6 inline-block font-medium text-brand-700 underline">
        Go to your workspace
      </Link>
    </main>
  );
}
