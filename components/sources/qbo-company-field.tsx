import { SelectField } from "@/components/ui/field";
import type { QboChoice } from "@/lib/sources/manage/qbo-company";

// The QuickBooks company a new source posts into. With one connected company it is simply that one (shown, not
// asked); with none, the source is saved without and its events wait until one is chosen.
export function QboCompanyField({ id, choices, value, onChange, error }: { id: string; choices: QboChoice[]; value: string; onChange: (v: string) => void; error?: string }) {
  if (choices.length === 0) {
    return <p className="text-sm text-slate-600">No QuickBooks company is connected yet: events are kept, and posted once you choose one on the source.</p>;
  }
  if (choices.length === 1) {
    return (
      <p className="text-sm text-slate-600">
        Posts into <span className="font-medium text-slate-900">{choices[0]!.companyName}</span> ({choices[0]!.environment.toLowerCase()}).
      </p>
    );
  }
  return (
    <div>
      <SelectField id={id} label="QuickBooks company it posts into" value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}>
        <option value="">Choose a company…</option>
        {choices.map((c) => (
          <option key={c.id} value={c.id}>
            {c.companyName} ({c.environment.toLowerCase()})
          </option>
        ))}
      </SelectField>
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
