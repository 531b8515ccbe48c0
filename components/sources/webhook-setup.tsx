"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { SHOPIFY_TOPICS, STRIPE_EVENT_TYPES } from "@/lib/sources/manage/event-types";

// What goes into Stripe's or Shopify's settings: the endpoint URL (copyable) and the events to send to it.
export function WebhookSetup({ id, kind, url }: { id: string; kind: "STRIPE" | "SHOPIFY" | "API"; url: string }) {
  const [copied, setCopied] = useState<"idle" | "copied" | "failed">("idle");
  const events = kind === "STRIPE" ? STRIPE_EVENT_TYPES : SHOPIFY_TOPICS;
  return (
    <div className="space-y-2">
      <label htmlFor={`${id}-url`} className="block text-sm font-medium text-slate-700">
        Webhook endpoint URL
      </label>
      <div className="flex flex-wrap gap-2">
        <input
          id={`${id}-url`}
          readOnly
          value={url}
          onFocus={(e) => e.currentTarget.select()}
          className="min-w-0 flex-1 rounded-lg border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-sm"
        />
        <Button
          type="button"
          variant="secondary"
          aria-label="Copy the webhook endpoint URL"
          onClick={() => navigator.clipboard.writeText(url).then(() => setCopied("copied"), () => setCopied("failed"))}
        >
          {copied === "copied" ? "Copied" : "Copy"}
        </Button>
      </div>
      <p aria-live="polite" className="text-sm text-slate-600">
        {copied === "failed" ? "Could not copy: select the URL and copy it yourself." : null}
      </p>
      <details className="text-sm">
        <summary className="cursor-pointer font-medium text-slate-700">{kind === "STRIPE" ? "Events to select in Stripe" : "Webhook topics to subscribe in Shopify"} ({events.length})</summary>
        <p className="mt-2 text-slate-600">
          {kind === "STRIPE"
            ? "In Stripe: Developers › Webhooks › Add endpoint, paste the URL above, and select these events (others are stored and ignored):"
            : "Subscribe each topic to the URL above, format JSON (others are stored and ignored):"}
        </p>
        <ul className="mt-2 grid gap-1 sm:grid-cols-2">
          {events.map((e) => (
            <li key={e.type}>
              <code className="font-mono text-slate-900">{e.type}</code> <span className="text-slate-600">{e.why}</span>
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}
