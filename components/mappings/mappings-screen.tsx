"use client";

import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState, Notice } from "@/components/ui/notice";
import type { CategoryView, MappingState, VersionView } from "@/lib/mappings/get-mapping-state";
import type { MappingChoice, MappingSettingsInput } from "@/lib/mappings/schemas";
import { DEFAULT_SETTINGS, type MappingSettings } from "@/lib/mappings/settings";
import { BookingSettings } from "./booking-settings";
import { CategoryTable } from "./category-table";
import { PreviewPanel } from "./preview-panel";
import { RevenueCategories } from "./revenue-categories";
import { useMappingMutation, useMappingState } from "./use-mapping";
import { VersionHistory } from "./version-history";

type Connected = Extract<MappingState, { connected: true }>;

function idsOf(version: VersionView | undefined): Record<string, string> {
  if (!version) return {};
  return Object.fromEntries(Object.entries(version.entries).map(([k, e]) => [k, e.qboItemId ?? e.qboAccountId ?? e.qboTaxCodeId ?? ""]));
}

function entriesOf(categories: CategoryView[], selected: Record<string, string>): Record<string, MappingChoice> {
  const out: Record<string, MappingChoice> = {};
  for (const c of categories) {
    const id = selected[c.key];
    if (!id) continue;
    out[c.key] = c.use === "item" ? { qboItemId: id } : c.use === "taxCode" ? { qboTaxCodeId: id } : { qboAccountId: id };
  }
  return out;
}

export function MappingsScreen({ slug, canEdit }: { slug: string; canEdit: boolean }) {
  const state = useMappingState(slug);
  if (state.isPending) return <p className="text-sm text-slate-600">Loading the mapping and the company&apos;s accounts…</p>;
  if (state.isError) return <Notice tone="error" title="The mapping could not be loaded">{state.error.message}</Notice>;
  if (!state.data.connected) {
    return (
      <EmptyState title="Connect QuickBooks first">
        Mappings point at the accounts of a QuickBooks company. <Link href={`/w/${slug}/connections`} className="font-medium text-brand-700 underline">Connect one on the Connections page</Link>
        {canEdit ? "" : " (an owner or admin can do that)"}.
      </EmptyState>
    );
  }
  return <Connected slug={slug} canEdit={canEdit} state={state.data} />;
}

function Connected({ slug, canEdit, state }: { slug: string; canEdit: boolean; state: Connected }) {
  const [edited, setEdited] = useState<Record<string, string> | null>(null);
  const [note, setNote] = useState("");
  const [editedSettings, setSettings] = useState<MappingSettings | null>(null);
  const [added, setAdded] = useState<CategoryView[]>([]);
  const selected = edited ?? idsOf(state.versions[0]);
  const settings = editedSettings ?? state.versions[0]?.settings ?? DEFAULT_SETTINGS;
  const revenue = [...state.revenue, ...added.filter((a) => !state.revenue.some((c) => c.key === a.key))];
  const needed = settings.refunds === "CreditMemoAndRefund" ? [state.receivable] : [];
  const all = [...new Map([...state.sources.flatMap((s) => s.categories), ...revenue, ...state.tax, ...needed].map((c) => [c.key, c])).values()];
  const unmapped = all.filter((c) => c.required && !selected[c.key]);
  const save = useMappingMutation<{ entries: Record<string, MappingChoice>; settings: MappingSettingsInput; note?: string }, { version: number }>(slug, "POST", () => "/versions");
  const refresh = useMappingMutation<Record<string, never>, unknown>(slug, "POST", () => "/reference/refresh");
  const select = (category: string, id: string) => setEdited({ ...selected, [category]: id });
  const saved = () => (setEdited(null), setSettings(null), setAdded([]), setNote(""));

  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-center gap-3 text-sm text-slate-600">
        <span>
          QuickBooks company <span className="font-medium text-slate-900">{state.connection.companyName}</span> ({state.connection.homeCurrency}
          {state.connection.multicurrencyEnabled ? ", multicurrency" : ""})
        </span>
        <span>· accounts read {state.referenceRefreshedAt ? new Date(state.referenceRefreshedAt).toLocaleString("en-GB", { timeZone: "UTC" }) + " UTC" : "never"}</span>
        {canEdit ? (
          <Button variant="secondary" type="button" disabled={refresh.isPending} onClick={() => refresh.mutate({})}>
            {refresh.isPending ? "Reading QuickBooks…" : "Refresh accounts from QuickBooks"}
          </Button>
        ) : null}
        {refresh.isError ? <span role="alert" className="text-red-700">{refresh.error.message}</span> : null}
      </div>
      {canEdit ? null : <Notice>You can look at the mapping and preview postings; an accountant, admin or owner can change it.</Notice>}

      {state.sources.length === 0 ? (
        <EmptyState title="No sources connected yet">Connect Stripe, Shopify or the events API, and the categories each needs appear here.</EmptyState>
      ) : (
        state.sources.map((s) => <CategoryTable key={s.kind} slug={slug} title={s.label} categories={s.categories} selected={selected} onSelect={select} canEdit={canEdit} incomeAccounts={state.incomeAccounts} />)
      )}
      {state.sources.length > 0 ? (
        <RevenueCategories slug={slug} categories={revenue} selected={selected} onSelect={select} onAdd={(c) => setAdded([...added, c])} canEdit={canEdit} items={state.revenueItems} incomeAccounts={state.incomeAccounts} />
      ) : null}
      {state.tax.length > 0 ? <CategoryTable slug={slug} title="Sales tax" categories={state.tax} selected={selected} onSelect={select} canEdit={canEdit} incomeAccounts={state.incomeAccounts} /> : null}
      {state.sources.length > 0 ? (
        <BookingSettings slug={slug} settings={settings} onChange={setSettings} receivable={state.receivable} selected={selected} onSelect={select} canEdit={canEdit} incomeAccounts={state.incomeAccounts} />
      ) : null}

      {canEdit && state.sources.length > 0 ? (
        <section aria-labelledby="save-heading" className="space-y-3 rounded-xl border border-slate-200 bg-white p-5">
          <h2 id="save-heading" className="font-semibold">
            Save
          </h2>
          <p className="text-sm text-slate-600">
            {unmapped.length === 0 ? "Every required category is mapped." : `Still unmapped: ${unmapped.map((c) => c.label).join(", ")}. You can save a draft; it cannot be activated until these are mapped.`}
          </p>
          <div className="max-w-md">
            <label htmlFor="mapping-note" className="block text-sm font-medium text-slate-700">
              Note (optional)
            </label>
            <input id="mapping-note" value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} className="mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2 text-sm" />
          </div>
          <Button type="button" disabled={save.isPending} onClick={() => save.mutate({ entries: entriesOf(all, selected), settings, ...(note.trim() ? { note: note.trim() } : {}) }, { onSuccess: saved })}>
            {save.isPending ? "Saving…" : "Save as a new version"}
          </Button>
          <div aria-live="polite">
            {save.isError ? <Notice tone="error">{save.error.message}</Notice> : null}
            {save.isSuccess ? <Notice tone="success">{`Saved version ${save.data.version} as a draft. Activate it below to use it for postings.`}</Notice> : null}
          </div>
        </section>
      ) : null}

      <VersionHistory slug={slug} versions={state.versions} canEdit={canEdit} />
      <PreviewPanel slug={slug} versions={state.versions} />
    </div>
  );
}
