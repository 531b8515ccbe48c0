import type { Metadata } from "next";
import { ConnectForm } from "@/components/connections/connect-form";
import { ConnectionCard } from "@/components/connections/connection-card";
import { EmptyState, Notice } from "@/components/ui/notice";
import { can } from "@/lib/auth/permissions";
import { qboApp } from "@/lib/qbo/endpoints";
import { listConnections } from "@/lib/qbo/list-connections";
import { requireWorkspacePage } from "@/lib/tenancy/page-context";

export const metadata: Metadata = { title: "Connections" };

type Search = { connected?: string; reconnected?: string; error?: string; company?: string };

function outcomeNotice(search: Search) {
  if (search.connected) return <Notice tone="success" title={`Connected ${search.connected}.`}>Ledgerwire can now post to this company.</Notice>;
  if (search.reconnected) return <Notice tone="success" title={`Reconnected ${search.reconnected}.`}>Its history is kept; waiting postings go out now.</Notice>;
  if (search.error === "taken") {
    return (
      <Notice tone="error" title={`${search.company ?? "That company"} is already connected to another workspace.`}>
        A QuickBooks company can be connected to one Ledgerwire workspace at a time. Disconnect it there first, or connect a different company.
      </Notice>
    );
  }
  if (search.error === "cancelled") return <Notice tone="error" title="QuickBooks was not connected.">The connection was cancelled at Intuit. Nothing changed.</Notice>;
  return null;
}

export default async function ConnectionsPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<Search> }) {
  const { slug } = await params;
  const ctx = await requireWorkspacePage(slug, "workspace.read");
  const canManage = can(ctx.role, "connections.manage");
  const [connections, search] = await Promise.all([listConnections(ctx), searchParams]);
  const available = (["PRODUCTION", "SANDBOX"] as const).filter((env) => qboApp(env) !== null);

  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">Connections</h1>
        <p className="mt-1 text-sm text-slate-600">The QuickBooks Online companies this workspace posts to.</p>
      </div>
      {outcomeNotice(search)}

      <section aria-labelledby="companies-heading" className="space-y-4">
        <h2 id="companies-heading" className="font-semibold">
          QuickBooks companies
        </h2>
        {connections.length === 0 ? (
          <EmptyState title="No QuickBooks company connected yet">
            {canManage ? "Connect one below: you approve access on Intuit's page and come straight back here." : "An owner or admin of this workspace can connect one."}
          </EmptyState>
        ) : (
          connections.map((c) => <ConnectionCard key={c.id} slug={slug} connection={c} canManage={canManage} />)
        )}
      </section>

      {canManage ? (
        <section aria-labelledby="connect-heading" className="rounded-xl border border-slate-200 bg-white p-5">
          <h2 id="connect-heading" className="font-semibold">
            Connect a company
          </h2>
          <div className="mt-4">
            {available.length > 0 ? (
              <ConnectForm slug={slug} available={[...available]} />
            ) : (
              <Notice tone="error" title="QuickBooks is not set up on this server.">
                An operator must set the Intuit app&apos;s keys (INTUIT_CLIENT_ID and INTUIT_CLIENT_SECRET, or the sandbox pair).
              </Notice>
            )}
          </div>
        </section>
      ) : null}
    </div>
  );
}
