"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { callApi } from "@/components/ui/api";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { PreviewEventOption } from "@/lib/mappings/list-preview-events";
import type { PreviewResult } from "@/lib/mappings/preview-posting";
import type { VersionView } from "@/lib/mappings/get-mapping-state";
import { bookedAs } from "@/lib/mappings/settings";
import { useMappingMutation } from "./use-mapping";

type Input = { versionId?: string; canonicalEventId?: string; event?: unknown };

/** What a version would post for an event: debits and credits per account, and the raw QuickBooks bodies. Nothing is sent. */
export function PreviewPanel({ slug, versions }: { slug: string; versions: VersionView[] }) {
  const events = useQuery({ queryKey: ["mappings", slug, "events"], queryFn: () => callApi<{ events: PreviewEventOption[] }>("GET", `/api/w/${slug}/mappings/events`) });
  const [versionId, setVersionId] = useState("");
  const [eventId, setEventId] = useState("");
  const [pasted, setPasted] = useState("");
  const [parseError, setParseError] = useState<string | null>(null);
  const preview = useMappingMutation<Input, PreviewResult>(slug, "POST", () => "/preview");
  const chosenVersion = versionId || versions[0]?.id || "";

  function run() {
    setParseError(null);
    if (pasted.trim()) {
      try {
        preview.mutate({ versionId: chosenVersion, event: JSON.parse(pasted) as unknown });
      } catch {
        setParseError("The pasted text is not JSON: paste a canonical event as JSON.");
      }
    } else if (eventId) preview.mutate({ versionId: chosenVersion, canonicalEventId: eventId });
    else setParseError("Choose a recent event or paste one.");
  }

  return (
    <section aria-labelledby="preview-heading" className="space-y-4 rounded-xl border border-slate-200 bg-white p-5">
      <div>
        <h2 id="preview-heading" className="font-semibold">
          Preview a posting
        </h2>
        <p className="mt-1 text-sm text-slate-600">See what a version would post for an event. Nothing is sent to QuickBooks.</p>
      </div>
      {versions.length === 0 ? (
        <p className="text-sm text-slate-600">Save a version first, then preview with it.</p>
      ) : (
        <div className="grid gap-4 md:grid-cols-2">
          <div className="space-y-3">
            <label htmlFor="preview-version" className="block text-sm font-medium text-slate-700">
              Version
            </label>
            <select id="preview-version" value={chosenVersion} onChange={(e) => setVersionId(e.target.value)} className="block w-full rounded-lg border border-slate-300 px-3 py-2 text-sm">
              {versions.map((v) => (
                <option key={v.id} value={v.id}>
                  Version {v.version} ({v.status.toLowerCase()})
                </option>
              ))}
            </select>
            <label htmlFor="preview-event" className="block text-sm font-medium text-slate-700">
              A recent event
            </label>
            <select id="preview-event" value={eventId} onChange={(e) => setEventId(e.target.value)} className="block w-full rounded-lg border border-slate-300 px-3 py-2 text-sm">
              <option value="">{events.data?.events.length === 0 ? "No events yet" : "Choose an event"}</option>
              {events.data?.events.map((e) => (
                <option key={e.id} value={e.id}>
                  {`${e.source.toLowerCase()} ${e.kind.toLowerCase().replace(/_/g, " ")} ${e.amount} ${e.currency}, ${e.occurredAt.slice(0, 10)}`}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="preview-json" className="block text-sm font-medium text-slate-700">
              Or paste a canonical event (JSON)
            </label>
            <textarea id="preview-json" rows={7} value={pasted} onChange={(e) => setPasted(e.target.value)} className="mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2 font-mono text-xs" placeholder='{"kind":"PAYOUT","source":"STRIPE",…}' />
          </div>
          <div>
            <Button type="button" onClick={run} disabled={preview.isPending}>
              {preview.isPending ? "Previewing…" : "Preview"}
            </Button>
          </div>
        </div>
      )}
      <div aria-live="polite">
        {parseError ? <Notice tone="error">{parseError}</Notice> : null}
        {preview.isError ? <Notice tone="error">{preview.error.message}</Notice> : null}
        {preview.data ? <PreviewOutput result={preview.data} /> : null}
      </div>
    </section>
  );
}

function PreviewOutput({ result }: { result: PreviewResult }) {
  if (!result.ok) {
    return (
      <Notice tone="error" title={`Version ${result.version} cannot post this ${result.event.kind.toLowerCase().replace(/_/g, " ")} yet`}>
        <ul className="list-disc pl-5">
          {result.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      </Notice>
    );
  }
  if (result.postings.length === 0) return <Notice>This event changes no balance: nothing would post.</Notice>;
  return (
    <div className="space-y-4" aria-label="Preview result">
      <p className="text-sm text-slate-600">{`Version ${result.version}: ${bookedAs(result.settings)}`}</p>
      {result.postings.map((p) => (
        <article key={p.target} aria-label={`${p.target} preview`} className="rounded-lg border border-slate-200 p-4">
          <h3 className="font-medium">
            {p.entityType} {p.total} {p.currency}
          </h3>
          <table className="mt-2 w-full text-left text-sm">
            <thead className="text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="pb-1 pr-4 font-medium">Account</th>
                <th className="pb-1 pr-4 text-right font-medium">Debit</th>
                <th className="pb-1 text-right font-medium">Credit</th>
              </tr>
            </thead>
            <tbody>
              {p.lines.map((l, i) => (
                <tr key={`${l.category}-${i}`} className="border-t border-slate-100">
                  <td className="py-1 pr-4">
                    {l.account} <span className="font-mono text-xs text-slate-400">{l.category}</span>
                  </td>
                  <td className="py-1 pr-4 text-right tabular-nums">{l.debit}</td>
                  <td className="py-1 text-right tabular-nums">{l.credit}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {p.notes.map((n) => (
            <p key={n} className="mt-1 text-xs text-slate-600">
              {n}
            </p>
          ))}
          <details className="mt-2">
            <summary className="cursor-pointer text-sm text-slate-700">QuickBooks request body (requestid {p.requestId})</summary>
            <pre className="mt-1 overflow-x-auto rounded bg-slate-50 p-2 text-xs">{JSON.stringify(p.body, null, 2)}</pre>
          </details>
        </article>
      ))}
    </div>
  );
}
