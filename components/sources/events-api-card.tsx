import Link from "next/link";

// The third kind of source needs no connection here: your systems send events with an API key.
export function EventsApiCard({ slug }: { slug: string }) {
  return (
    <section aria-labelledby="events-api-heading" className="rounded-xl border border-slate-200 bg-white p-5">
      <h3 id="events-api-heading" className="font-semibold">
        Your own systems: the events API
      </h3>
      <p className="mt-1 text-sm text-slate-600">
        Billing, CRM or warehouse systems send sales, refunds and payments to <code className="font-mono">POST /api/v1/events</code> with an API key of
        this workspace, with an <code className="font-mono">Idempotency-Key</code> so a retry never doubles anything.
      </p>
      <ul className="mt-3 flex flex-wrap gap-4 text-sm font-medium">
        <li>
          <Link href={`/w/${encodeURIComponent(slug)}/settings/api-keys`} className="text-brand-700 underline">
            Create an API key
          </Link>
        </li>
        <li>
          <Link href="/docs/api" className="text-brand-700 underline">
            Read the API documentation
          </Link>
        </li>
      </ul>
    </section>
  );
}
