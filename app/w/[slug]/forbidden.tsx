import Link from "next/link";

// Inside a workspace the 403 keeps the workspace's header (this boundary sits under app/w/[slug]/layout.tsx),
// so the person can go on to the sections they do have.
export default function WorkspaceForbidden() {
  return (
    <div className="max-w-md py-8">
      <h1 className="text-2xl font-semibold">You don&apos;t have access to this page</h1>
      <p className="mt-2 text-slate-600">Your role in this workspace does not include it. An owner or admin can change your role.</p>
      <Link href="/app" className="mt-6 inline-block font-medium text-brand-700 underline">
        Back to your workspace
      </Link>
    </div>
  );
}
