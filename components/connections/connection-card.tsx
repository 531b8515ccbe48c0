import type { ConnectionView } from "@/lib/qbo/list-connections";
import { ConnectionActions } from "./connection-actions";

const STATUS = {
  CONNECTED: { label: "Connected", tone: "bg-emerald-50 text-emerald-800 border-emerald-200" },
  REFRESHING: { label: "Refreshing", tone: "bg-brand-50 text-brand-900 border-brand-100" },
  NEEDS_RECONNECT: { label: "Needs reconnect", tone: "bg-amber-50 text-amber-900 border-amber-200" },
  DISCONNECTED: { label: "Disconnected", tone: "bg-slate-50 text-slate-700 border-slate-200" },
} as const;

const when = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

function at(date: Date | null): string {
  return date ? `${when.format(date)} UTC` : "—";
}

export function ConnectionCard({ slug, connection, canManage }: { slug: string; connection: ConnectionView; canManage: boolean }) {
  const status = STATUS[connection.status];
  const headingId = `connection-${connection.id}`;
  return (
    <article aria-labelledby={headingId} className="rounded-xl border border-slate-200 bg-white p-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h3 id={headingId} className="text-lg font-semibold">
            {connection.companyName}
          </h3>
          <p className="text-sm text-slate-600">
            {connection.environment === "PRODUCTION" ? "Production" : "Sandbox"} · company id {connection.realmId} · {connection.homeCurrency}
          </p>
        </div>
        <span className={`rounded-full border px-2.5 py-0.5 text-sm font-medium ${status.tone}`}>{status.label}</span>
      </div>
      {connection.status === "NEEDS_RECONNECT" ? (
        <p className="mt-3 text-sm text-amber-900">Intuit no longer accepts this connection. Nothing is posted to it until an admin reconnects it.</p>
      ) : null}
      <dl className="mt-4 grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2 lg:grid-cols-3">
        <div>
          <dt className="text-slate-500">Access token expires</dt>
          <dd>{at(connection.accessTokenExpiresAt)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Refresh token expires</dt>
          <dd>{at(connection.refreshTokenExpiresAt)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Reconnect required by</dt>
          <dd>{at(connection.refreshTokenHardExpiresAt)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Last successful call</dt>
          <dd>{at(connection.lastSuccessfulCallAt)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">API calls today</dt>
          <dd>
            {connection.callsToday.reads} reads · {connection.callsToday.writes} writes
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">{connection.status === "DISCONNECTED" ? "Disconnected on" : "Connected since"}</dt>
          <dd>{at(connection.status === "DISCONNECTED" ? connection.disconnectedAt : connection.connectedAt)}</dd>
        </div>
      </dl>
      {canManage ? (
        <div className="mt-4">
          <ConnectionActions slug={slug} connection={connection} />
        </div>
      ) : null}
    </article>
  );
}
