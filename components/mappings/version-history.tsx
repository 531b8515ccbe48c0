"use client";

import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { VersionView } from "@/lib/mappings/get-mapping-state";
import { bookedAs, settingLabel } from "@/lib/mappings/settings";
import { useMappingMutation } from "./use-mapping";

const STATUS = { ACTIVE: "Active", DRAFT: "Draft", RETIRED: "Retired" } as const;

function when(iso: string): string {
  return new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC";
}

/** Every version with who saved it, when, what changed, and Activate for the ones not active. */
export function VersionHistory({ slug, versions, canEdit }: { slug: string; versions: VersionView[]; canEdit: boolean }) {
  const activate = useMappingMutation<string, unknown>(slug, "POST", (id) => `/versions/${id}/activate`, () => undefined);
  return (
    <section aria-labelledby="versions-heading" className="space-y-3">
      <h2 id="versions-heading" className="font-semibold">
        Version history
      </h2>
      <div aria-live="polite">
        {activate.isError ? (
          <Notice tone="error" title="Not activated">
            {activate.error.message}
          </Notice>
        ) : null}
        {activate.isSuccess ? <Notice tone="success">The version is active: new postings use it.</Notice> : null}
      </div>
      {versions.length === 0 ? <p className="text-sm text-slate-600">Nothing saved yet. Choose accounts above and save: the first version appears here.</p> : null}
      <ol className="space-y-2">
        {versions.map((v) => (
          <li key={v.id} aria-label={`Version ${v.version}`} className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
            <div className="flex flex-wrap items-center gap-3">
              <span className="font-medium">Version {v.version}</span>
              <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${v.status === "ACTIVE" ? "bg-emerald-100 text-emerald-800" : "bg-slate-100 text-slate-700"}`}>{STATUS[v.status]}</span>
              <span className="text-slate-600">
                saved by {v.author?.name ?? v.author?.email ?? "the system"} on {when(v.createdAt)}
                {v.activatedAt ? `, activated ${when(v.activatedAt)}` : ""}
              </span>
              {canEdit && v.status !== "ACTIVE" ? (
                <Button className="ml-auto" type="button" disabled={activate.isPending} aria-label={`Activate version ${v.version}`} onClick={() => activate.mutate(v.id)}>
                  Activate
                </Button>
              ) : null}
            </div>
            {v.note ? <p className="mt-1 text-slate-700">{v.note}</p> : null}
            <p className="mt-1 text-slate-600">{bookedAs(v.settings)}</p>
            {v.unmapped.length > 0 ? <p className="mt-1 text-amber-800">Unmapped: {v.unmapped.join(", ")}</p> : null}
            {v.diff ? (
              <ul className="mt-2 space-y-0.5 font-mono text-xs text-slate-700">
                {v.diff.added.map((d) => (
                  <li key={`a-${d.category}`}>+ {d.category} → {d.to}</li>
                ))}
                {v.diff.changed.map((d) => (
                  <li key={`c-${d.category}`}>
                    ~ {d.category}: {d.from} → {d.to}
                  </li>
                ))}
                {v.diff.removed.map((d) => (
                  <li key={`r-${d.category}`}>- {d.category} (was {d.from})</li>
                ))}
                {(v.diff.settings ?? []).map((d) => (
                  <li key={`s-${d.setting}`}>
                    ~ {d.setting} booked as: {settingLabel(d.setting, d.from)} → {settingLabel(d.setting, d.to)}
                  </li>
                ))}
                {v.diff.added.length + v.diff.changed.length + v.diff.removed.length + (v.diff.settings?.length ?? 0) === 0 ? <li>no change from the version before</li> : null}
              </ul>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
