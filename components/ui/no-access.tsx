import Link from "next/link";

// The 403 message, shared by the root page and the one inside a workspace (which keeps the workspace header).
export function NoAccess() {
  return (
    <>
      <h1 className="text-2xl font-semibold">You don&apos;t have access to this page</h1>
      <p className="mt-2 text-slate-600">Your role in this workspace does not include it. An owner or admin can change your role.</p>
      <Link href="/app" className="mt-6 inline-block font-medium text-brand-700 underline">
        Back to your workspace
      </Link>
    </>
  );
}
