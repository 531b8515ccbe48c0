"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { Choice } from "@/lib/mappings/choices";
import type { CategoryView } from "@/lib/mappings/get-mapping-state";
import { revenueCategoryDef, revenueCategoryKey } from "@/lib/mappings/revenue-categories";
import { CategoryTable } from "./category-table";

type Props = {
  slug: string;
  categories: CategoryView[];
  selected: Record<string, string>;
  onSelect: (category: string, id: string) => void;
  onAdd: (category: CategoryView) => void;
  canEdit: boolean;
  /** Every item posting to income: what a category typed in may map to. */
  items: Choice[];
  incomeAccounts: Choice[];
};

/** A row for a category typed in by name, with the same words and choices as one seen in events. */
export function addedRevenueCategory(key: string, items: Choice[]): CategoryView {
  const { suggest, avoid: _avoid, ...def } = revenueCategoryDef(key, []);
  const named = suggest.map((n) => n.toLowerCase());
  const choices = items.map((c) => ({ ...c, suggested: named.includes(c.name.toLowerCase()) }));
  return { ...def, choices: [...choices.filter((c) => c.suggested), ...choices.filter((c) => !c.suggested)] };
}

/** Revenue by product category: optional rows, each falling back to the Sales item, and a way to add one by name. */
export function RevenueCategories({ slug, categories, selected, onSelect, onAdd, canEdit, items, incomeAccounts }: Props) {
  return (
    <CategoryTable
      slug={slug}
      title="Revenue by product category"
      categories={categories}
      selected={selected}
      onSelect={onSelect}
      canEdit={canEdit}
      incomeAccounts={incomeAccounts}
      description={
        <>
          Sales and refund lines carry the product category their source gives them (a product type, a plan). Map a category to an item of its own to book its income apart. Every row is optional: a category left unmapped is booked with the Sales item. A sales channel counts only when the
          source sends it as the line&apos;s category.
          {categories.length === 0 ? " No categories on recent events yet." : ""}
        </>
      }
    >
      {canEdit ? <AddCategoryForm existing={categories.map((c) => c.key)} onAdd={(key) => onAdd(addedRevenueCategory(key, items))} /> : null}
    </CategoryTable>
  );
}

function AddCategoryForm({ existing, onAdd }: { existing: string[]; onAdd: (key: string) => void }) {
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      aria-label="Add a revenue category"
      className="mt-4 flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        const key = revenueCategoryKey(name);
        if (!key) return setError(/^\s*tips?\s*$/i.test(name) ? "Tip lines are booked with the Tips item, not a revenue category." : "Type the category as your source names it (up to 238 characters, no control characters).");
        if (existing.includes(key)) return setError(`“${name.trim()}” is listed already.`);
        setError(null);
        setName("");
        onAdd(key);
      }}
    >
      <div>
        <label htmlFor="revenue-category-name" className="block text-xs font-medium text-slate-700">
          Category name
        </label>
        <input id="revenue-category-name" value={name} maxLength={238} onChange={(e) => setName(e.target.value)} aria-describedby="revenue-category-name-help" className="mt-1 block w-64 rounded-lg border border-slate-300 px-3 py-2 text-sm" />
      </div>
      <Button variant="secondary" type="submit" disabled={!name.trim()}>
        Add category
      </Button>
      <p id="revenue-category-name-help" className="w-full text-xs text-slate-500">
        For a category not seen in recent events yet, spelled exactly as the source sends it.
      </p>
      {error ? (
        <p role="alert" className="w-full text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </form>
  );
}
