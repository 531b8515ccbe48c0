import type { Metadata } from "next";
import { CreateWorkspaceForm } from "@/components/workspace/create-workspace-form";
import { requirePageUser } from "@/lib/tenancy/page-context";

export const metadata: Metadata = { title: "New workspace" };

export default async function NewWorkspacePage() {
  await requirePageUser("/w/new");
  return (
    <main className="mx-auto max-w-md px-6 py-16">
      <h1 className="text-2xl font-semibold">Create a workspace</h1>
      <p className="mt-2 text-sm text-slate-600">A workspace holds one business&apos;s connections, mappings and postings. You will be its owner.</p>
      <div className="mt-6">
        <CreateWorkspaceForm />
      </div>
    </main>
  );
}
