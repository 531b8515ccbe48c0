"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

/** The one time a key is shown: read-only, selectable, with a Copy button. */
export function NewApiKey({ name, apiKey, onDone }: { name: string; apiKey: string; onDone: () => void }) {
  const [copy, setCopy] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <section aria-labelledby="new-api-key-heading" className="rounded-xl border border-emerald-200 bg-emerald-50 p-5">
      <h3 id="new-api-key-heading" className="font-semibold text-emerald-900">
        Key “{name}” created
      </h3>
      <p className="mt-1 text-sm text-emerald-900">Copy it now and keep it somewhere safe: it will not be shown again.</p>
      <label htmlFor="new-api-key" className="mt-4 block text-sm font-medium text-slate-700">
        Your new API key
      </label>
      <div className="mt-1 flex flex-wrap gap-2">
        <input
          id="new-api-key"
          readOnly
          value={apiKey}
          autoComplete="off"
          spellCheck={false}
          onFocus={(e) => e.currentTarget.select()}
          className="min-w-0 flex-1 rounded-lg border border-slate-300 bg-white px-3 py-2 font-mono text-sm"
        />
        <Button
          type="button"
          variant="secondary"
          onClick={() =>
            navigator.clipboard.writeText(apiKey).then(
              () => setCopy("copied"),
              () => setCopy("failed"),
            )
          }
        >
          {copy === "copied" ? "Copied" : "Copy"}
        </Button>
        <Button type="button" onClick={onDone}>
          Done
        </Button>
      </div>
      <p aria-live="polite" className="mt-2 text-sm text-slate-700">
        {copy === "copied" ? "Copied to the clipboard." : copy === "failed" ? "Could not copy: select the key and copy it yourself." : null}
      </p>
    </section>
  );
}
