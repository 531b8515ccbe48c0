"use client";

import type { Choice } from "@/lib/mappings/choices";
import type { CategoryView } from "@/lib/mappings/get-mapping-state";
import { SETTING_OPTIONS, type MappingSettings, type SettingName } from "@/lib/mappings/settings";
import { CategoryTable } from "./category-table";

type Props = {
  slug: string;
  settings: MappingSettings;
  onChange: (settings: MappingSettings) => void;
  /** The A/R account credit-memo refunds need, asked for while that setting is chosen. */
  receivable: CategoryView;
  selected: Record<string, string>;
  onSelect: (category: string, id: string) => void;
  canEdit: boolean;
  incomeAccounts: Choice[];
};

/** How sales and refunds are booked: one radio group per setting, each choice with a sentence of what it books. */
export function BookingSettings({ slug, settings, onChange, receivable, selected, onSelect, canEdit, incomeAccounts }: Props) {
  return (
    <section aria-labelledby="booking-heading" className="space-y-4 rounded-xl border border-slate-200 bg-white p-5">
      <div>
        <h2 id="booking-heading" className="font-semibold">
          How sales and refunds are booked
        </h2>
        <p className="mt-1 text-sm text-slate-600">Saved with the version, for every source.</p>
      </div>
      <div className="grid gap-6 md:grid-cols-2">
        {(Object.keys(SETTING_OPTIONS) as SettingName[]).map((name) => (
          <fieldset key={name} disabled={!canEdit} className="space-y-2">
            <legend className="text-sm font-medium text-slate-900">{SETTING_OPTIONS[name].legend}</legend>
            {SETTING_OPTIONS[name].options.map((o) => {
              const id = `setting-${name}-${o.value}`;
              return (
                <div key={o.value} className="flex gap-2">
                  <input
                    type="radio"
                    id={id}
                    name={`setting-${name}`}
                    value={o.value}
                    checked={settings[name] === o.value}
                    aria-describedby={`${id}-books`}
                    onChange={() => onChange({ ...settings, [name]: o.value })}
                    className="mt-1"
                  />
                  <div>
                    <label htmlFor={id} className="text-sm font-medium text-slate-800">
                      {o.label}
                    </label>
                    <p id={`${id}-books`} className="text-sm text-slate-600">
                      {o.books}
                    </p>
                  </div>
                </div>
              );
            })}
          </fieldset>
        ))}
      </div>
      {settings.refunds === "CreditMemoAndRefund" ? (
        <CategoryTable slug={slug} title="Credit memo refunds" categories={[receivable]} selected={selected} onSelect={onSelect} canEdit={canEdit} incomeAccounts={incomeAccounts} />
      ) : null}
    </section>
  );
}
