import type { Metadata } from "next";
import { ApiKeyRow } from "@/components/api-keys/api-key-row";
import { CreateApiKeyForm } from "@/components/api-keys/create-api-key-form";
import { EmptyState } from "@/components/ui/notice";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { requireWorkspacePage } from "@/lib/tenancy/page-context";

export const metadata: Metadata = { title: "API keys" };

const COLUMNS = ["Name", "Key", "Scopes", "Created", "Last used", "Expires"];

export default async function ApiKeysPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await requireWorkspacePage(slug, "apiKeys.manage");
  const apiKeys = await listApiKeys(ctx);

  return (
    <div className="space-y-10">
      <div>
        <h1 className="text-2xl font-semibold">API keys</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Your own systems send events to <code className="font-mono">POST /api/v1/events</code> with one of these keys, in the header{" "}
          <code className="font-mono">Authorization: Bearer lw_live_…</code>. A key acts for this workspace only; give it an expiry, or revoke it when the system holding it no longer needs it.
        </p>
      </div>

      <section aria-labelledby="create-key-heading" className="rounded-xl border border-slate-200 bg-white p-5">
        <h2 id="create-key-heading" className="font-semibold">
          Create an API key
        </h2>
        <div className="mt-4">
          <CreateApiKeyForm slug={slug} />
        </div>
      </section>

      <section aria-labelledby="keys-heading">
        <h2 id="keys-heading" className="font-semibold">
          Keys
        </h2>
        {apiKeys.length === 0 ? (
          <div className="mt-3">
            <EmptyState title="No API keys yet.">Create one to send events from your own systems to POST /api/v1/events.</EmptyState>
          </div>
        ) : (
          <div className="mt-2 overflow-x-auto">
            <table className="w-full text-left">
              <thead className="text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  {COLUMNS.map((column) => (
                    <th key={column} className="pb-2 pr-4 font-medium">
                      {column}
                    </th>
                  ))}
                  <th className="pb-2 text-right font-medium">Status</th>
                </tr>
              </thead>
              <tbody>
                {apiKeys.map((apiKey) => (
                  <ApiKeyRow key={apiKey.id} slug={slug} apiKey={apiKey} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
