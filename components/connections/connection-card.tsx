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

function facts(c: ConnectionView): [string, string][] {
  const disconnected = c.status === "DISCONNECTED";
  return [
    ["Access token expires", at(c.accessTokenExpiresAt)],
    ["Refresh token expires", at(c.refreshTokenExpiresAt)],
    ["Reconnect required by", at(c.refreshTokenHardExpiresAt)],
    ["Last successful call", at(c.lastSuccessfulCallAt)],
    ["API calls today", `${c.callsToday.reads} reads · ${c.callsToday.writes} writes`],
    [disconnected ? "Disconnected on" : "Connected since", at(disconnected ? c.disconnectedAt : c.connectedAt)],
  ];
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
        {facts(connection).map(([term, value]) => (
          <div key={term}>
            <dt className="text-slate-500">{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {canManage ? (
        <div className="mt-4">
          <ConnectionActions slug={slug} connection={connection} />
        </div>
      ) : null}
    </article>
  );
}
