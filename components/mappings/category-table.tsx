"use client";

import { useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import type { CategoryView } from "@/lib/mappings/get-mapping-state";
import type { Choice } from "@/lib/mappings/choices";
import { useMappingMutation } from "./use-mapping";

type Props = {
  slug: string;
  title: string;
  categories: CategoryView[];
  selected: Record<string, string>;
  onSelect: (category: string, id: string) => void;
  canEdit: boolean;
  incomeAccounts: Choice[];
  /** A sentence under the title. */
  description?: ReactNode;
  /** What follows the table (a form to add a row). */
  children?: ReactNode;
};

const NOUN = { account: "account", item: "product or service", taxCode: "tax code" } as const;

/** One source's categories (or the revenue categories, or what a setting needs): what each is, and an accessible select of what fits it, suggestions first. */
export function CategoryTable({ slug, title, categories, selected, onSelect, canEdit, incomeAccounts, description, children }: Props) {
  const headingId = `mapping-${title.replace(/\W+/g, "-").toLowerCase()}`;
  return (
    <section aria-labelledby={headingId} className="rounded-xl border border-slate-200 bg-white p-5">
      <h2 id={headingId} className="font-semibold">
        {title}
      </h2>
      {description ? <p className="mt-1 max-w-3xl text-sm text-slate-600">{description}</p> : null}
      {categories.length === 0 ? null : (
        <table className="mt-3 w-full text-left text-sm">
          <thead className="text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th className="pb-2 pr-4 font-medium">What</th>
              <th className="pb-2 font-medium">Maps to</th>
            </tr>
          </thead>
          <tbody>
            {categories.map((c) => (
              <CategoryRow key={c.key} slug={slug} category={c} value={selected[c.key] ?? ""} onSelect={(id) => onSelect(c.key, id)} canEdit={canEdit} incomeAccounts={incomeAccounts} />
            ))}
          </tbody>
        </table>
      )}
      {children}
    </section>
  );
}

function CategoryRow({ slug, category: c, value, onSelect, canEdit, incomeAccounts }: { slug: string; category: CategoryView; value: string; onSelect: (id: string) => void; canEdit: boolean; incomeAccounts: Choice[] }) {
  const unmapped = c.required && !value;
  const id = `map-${c.key.replace(/[^a-z0-9]+/gi, "-")}`;
  const suggested = c.choices.filter((x) => x.suggested);
  const others = c.choices.filter((x) => !x.suggested);
  const option = (x: Choice) => (
    <option key={x.id} value={x.id}>
      {x.name}
      {x.accountType && c.use === "account" ? ` (${x.accountType})` : ""}
    </option>
  );
  return (
    <tr data-category={c.key} className={`border-t border-slate-100 align-top ${unmapped ? "bg-amber-50" : ""}`}>
      <td className="py-3 pr-4">
        <label htmlFor={id} className="font-medium text-slate-900">
          {c.label}
        </label>
        {c.required ? null : <span className="ml-2 text-xs text-slate-500">optional</span>}
        {unmapped ? <span className="ml-2 rounded bg-amber-200 px-1.5 py-0.5 text-xs font-medium text-amber-900">Unmapped</span> : null}
        <p id={`${id}-help`} className="mt-1 max-w-xl text-slate-600">
          {c.help}
        </p>
        <p className="mt-0.5 font-mono text-xs text-slate-400">{c.key}</p>
      </td>
      <td className="py-3">
        <select id={id} aria-describedby={`${id}-help`} value={value} disabled={!canEdit} onChange={(e) => onSelect(e.target.value)} className="block w-full max-w-xs rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm disabled:bg-slate-50">
          <option value="">{c.unmappedLabel ?? "Not mapped"}</option>
          {suggested.length > 0 ? <optgroup label="Suggested">{suggested.map(option)}</optgroup> : null}
          {others.length > 0 ? <optgroup label={suggested.length > 0 ? "Other fitting" : `Every fitting ${NOUN[c.use]}`}>{others.map(option)}</optgroup> : null}
        </select>
        {c.choices.length === 0 ? <p className="mt-1 text-xs text-slate-500">{`No fitting ${NOUN[c.use]} in QuickBooks yet.`}</p> : null}
        {canEdit && c.create ? <CreateAccountButton slug={slug} category={c} onCreated={onSelect} /> : null}
        {canEdit && c.use === "item" ? <CreateItemForm slug={slug} category={c} incomeAccounts={incomeAccounts} onCreated={onSelect} /> : null}
      </td>
    </tr>
  );
}

function CreateAccountButton({ slug, category, onCreated }: { slug: string; category: CategoryView; onCreated: (id: string) => void }) {
  const create = useMappingMutation<{ category: string }, { id: string }>(slug, "POST", () => "/accounts");
  const name = category.create!.name;
  return (
    <div className="mt-2">
      <Button variant="secondary" type="button" disabled={create.isPending} aria-label={`Create ${name} in QuickBooks`} onClick={() => create.mutate({ category: category.key }, { onSuccess: (a) => onCreated(a.id) })}>
        {create.isPending ? "Creating…" : `Create account in QuickBooks: ${name}`}
      </Button>
      {create.isError ? (
        <p role="alert" className="mt-1 text-sm text-red-700">
          {create.error.message}
        </p>
      ) : null}
      {create.isSuccess ? <p className="mt-1 text-sm text-emerald-700">{`${name} is in QuickBooks and chosen here; save to keep it.`}</p> : null}
    </div>
  );
}

function CreateItemForm({ slug, category, incomeAccounts, onCreated }: { slug: string; category: CategoryView; incomeAccounts: Choice[]; onCreated: (id: string) => void }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(category.label);
  const [income, setIncome] = useState(incomeAccounts[0]?.id ?? "");
  const create = useMappingMutation<{ category: string; name: string; incomeAccountId: string }, { id: string }>(slug, "POST", () => "/items");
  if (!open) {
    return (
      <button type="button" className="mt-2 text-sm text-brand-700 underline" onClick={() => setOpen(true)}>
        Create item in QuickBooks…
      </button>
    );
  }
  const base = `item-${category.key.replace(/[^a-z0-9]+/gi, "-")}`;
  return (
    <form
      aria-label={`Create an item for ${category.label}`}
      className="mt-2 space-y-2 rounded-lg border border-slate-200 p-3"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate({ category: category.key, name, incomeAccountId: income }, { onSuccess: (item) => (onCreated(item.id), setOpen(false)) });
      }}
    >
      <label htmlFor={`${base}-name`} className="block text-xs font-medium text-slate-700">
        Item name
      </label>
      <input id={`${base}-name`} value={name} maxLength={100} onChange={(e) => setName(e.target.value)} className="block w-full rounded border border-slate-300 px-2 py-1 text-sm" />
      <label htmlFor={`${base}-income`} className="block text-xs font-medium text-slate-700">
        Income account it posts to
      </label>
      <select id={`${base}-income`} value={income} onChange={(e) => setIncome(e.target.value)} className="block w-full rounded border border-slate-300 px-2 py-1 text-sm">
        {incomeAccounts.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </select>
      {create.isError ? (
        <p role="alert" className="text-sm text-red-700">
          {create.error.message}
        </p>
      ) : null}
      <Button type="submit" disabled={create.isPending || !name.trim() || !income}>
        {create.isPending ? "Creating…" : "Create item"}
      </Button>
    </form>
  );
}
