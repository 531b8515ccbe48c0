import type { Metadata } from "next";
import { MappingsScreen } from "@/components/mappings/mappings-screen";
import { can } from "@/lib/auth/permissions";
import { requireWorkspacePage } from "@/lib/tenancy/page-context";

export const metadata: Metadata = { title: "Account mapping" };

export default async function MappingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await requireWorkspacePage(slug, "workspace.read");
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">Account mapping</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Where each kind of money from your sources goes in QuickBooks. Every save is a new version; postings use the active one, and each posting remembers the version it was built with.
        </p>
      </div>
      <MappingsScreen slug={slug} canEdit={can(ctx.role, "mappings.edit")} />
    </div>
  );
}
