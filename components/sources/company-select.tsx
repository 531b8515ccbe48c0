"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { callApi } from "@/components/ui/api";
import type { QboChoice } from "@/lib/sources/manage/qbo-company";

// Which QuickBooks company the source posts into; changing it applies to what is posted from then on.
export function CompanySelect({ id, url, current, choices }: { id: string; url: string; current: { id: string; companyName: string; status: string } | null; choices: QboChoice[] }) {
  const router = useRouter();
  const save = useMutation({ mutationFn: (qboConnectionId: string | null) => callApi("PATCH", url, { qboConnectionId }), onSuccess: () => router.refresh() });
  const options = current && !choices.some((c) => c.id === current.id) ? [{ id: current.id, companyName: `${current.companyName} (${current.status.toLowerCase().replace("_", " ")})`, environment: "" }, ...choices] : choices;
  return (
    <div className="text-sm">
      <label htmlFor={`${id}-company`} className="font-medium text-slate-700">
        Posts into QuickBooks company
      </label>
      {options.length === 0 ? (
        <p className="mt-0.5 text-slate-600">None yet: connect QuickBooks (Connections), then choose it here. Events are kept meanwhile.</p>
      ) : (
        <select
          id={`${id}-company`}
          className="mt-1 block w-full max-w-sm rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm"
          value={current?.id ?? ""}
          disabled={save.isPending}
          aria-describedby={save.isError ? `${id}-company-error` : undefined}
          onChange={(e) => save.mutate(e.target.value || null)}
        >
          <option value="">Not chosen: nothing is posted</option>
          {options.map((c) => (
            <option key={c.id} value={c.id}>
              {c.companyName}
              {c.environment ? ` (${c.environment.toLowerCase()})` : ""}
            </option>
          ))}
        </select>
      )}
      {save.isError ? (
        <p id={`${id}-company-error`} role="alert" className="mt-1 text-red-700">
          {save.error.message}
        </p>
      ) : null}
    </div>
  );
}
