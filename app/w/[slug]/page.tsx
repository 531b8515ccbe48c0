import { EmptyState } from "@/components/ui/notice";
import { db } from "@/lib/db";
import { requireWorkspacePage } from "@/lib/tenancy/page-context";

export default async function WorkspaceOverview({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await requireWorkspacePage(slug);
  const [connections, members] = await Promise.all([
    db.qboConnection.count({ where: { workspaceId: ctx.tenantId, status: { not: "DISCONNECTED" } } }),
    db.membership.count({ where: { workspaceId: ctx.tenantId } }),
  ]);

  return (
    <div>
      <h1 className="text-2xl font-semibold">{ctx.workspace.name}</h1>
      <p className="mt-1 text-sm text-slate-600">
        {members} {members === 1 ? "member" : "members"} · {connections} QuickBooks {connections === 1 ? "company" : "companies"} connected
      </p>
      <div className="mt-8">
        {connections === 0 ? (
          <EmptyState title="Nothing is syncing yet">
            Connecting a QuickBooks company and a source (Stripe, Shopify or the events API) is the next step; postings
            will appear here as they happen.
          </EmptyState>
        ) : null}
      </div>
    </div>
  );
}
