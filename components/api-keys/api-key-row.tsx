import type { ApiKeyView } from "@/lib/api-keys/api-key-view";
import { RevokeApiKeyButton } from "./revoke-api-key-button";

const when = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

function At({ date }: { date: Date }) {
  return <time dateTime={date.toISOString()}>{when.format(date)} UTC</time>;
}

export function ApiKeyRow({ slug, apiKey, now = new Date() }: { slug: string; apiKey: ApiKeyView; now?: Date }) {
  const expired = apiKey.expiresAt !== null && apiKey.expiresAt <= now;
  const revoked = apiKey.revokedAt !== null || expired;
  return (
    <tr className={`border-t border-slate-100 align-top ${revoked ? "text-slate-500" : ""}`}>
      <td className="py-3 pr-4">
        <div className="font-medium">{apiKey.name}</div>
        <div className="text-sm text-slate-500">by {apiKey.createdBy.name ?? apiKey.createdBy.email}</div>
      </td>
      <td className="py-3 pr-4 font-mono text-sm">{apiKey.prefix}…</td>
      <td className="py-3 pr-4">
        <ul className="flex flex-wrap gap-1">
          {apiKey.scopes.map((scope) => (
            <li key={scope} className="rounded-full border border-slate-200 bg-slate-50 px-2 py-0.5 font-mono text-xs">
              {scope}
            </li>
          ))}
        </ul>
      </td>
      <td className="py-3 pr-4 text-sm">
        <At date={apiKey.createdAt} />
      </td>
      <td className="py-3 pr-4 text-sm">{apiKey.lastUsedAt ? <At date={apiKey.lastUsedAt} /> : "Never used"}</td>
      <td className="py-3 pr-4 text-sm">{apiKey.expiresAt ? <At date={apiKey.expiresAt} /> : "Never"}</td>
      <td className="py-3 text-right text-sm">
        {apiKey.revokedAt ? (
          <span className="rounded-full border border-slate-200 bg-slate-50 px-2.5 py-0.5 font-medium text-slate-700">
            Revoked <At date={apiKey.revokedAt} />
          </span>
        ) : expired ? (
          <span className="rounded-full border border-slate-200 bg-slate-50 px-2.5 py-0.5 font-medium text-slate-700">Expired</span>
        ) : (
          <RevokeApiKeyButton slug={slug} apiKey={{ id: apiKey.id, name: apiKey.name }} />
        )}
      </td>
    </tr>
  );
}
