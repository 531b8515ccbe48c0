import type { Metadata } from "next";
import Link from "next/link";
import { eventTypeDocs } from "@/lib/api-docs/event-fields";
import { env } from "@/lib/env";
import { MAX_EVENTS_PER_REQUEST } from "@/lib/ingest/receive-api-events";
import { API_EVENT_EXAMPLE } from "@/lib/sources/api/example";

export const metadata: Metadata = { title: "Events API · Ledgerwire" };

// The page's table of contents: it is long (a field table per event type), so readers jump rather than scroll.
const SECTIONS = [
  ["authentication", "Authentication"],
  ["retries-and-duplicates", "Retries and duplicates"],
  ["example", "Example"],
  ["errors", "Errors"],
  ["event-types", "Event types"],
] as const;

const ERRORS = [
  ["400", "BAD_REQUEST", "The body is not JSON, or the Idempotency-Key header is malformed."],
  ["401", "UNAUTHENTICATED", "The API key is missing, unknown or revoked."],
  ["403", "FORBIDDEN", "The key lacks the events:write scope."],
  ["409", "IDEMPOTENCY_KEY_REUSED", "The Idempotency-Key was used before with a different body."],
  ["413", "PAYLOAD_TOO_LARGE", `More than ${MAX_EVENTS_PER_REQUEST} events, or a body over 5 MiB.`],
  ["415", "UNSUPPORTED_MEDIA_TYPE", "The body was not sent as application/json."],
  ["422", "VALIDATION_FAILED", "details.errors lists the path and problem of every invalid field, e.g. events.3.amount_minor."],
];

export default function ApiDocsPage() {
  const base = env().appUrl;
  const curl = `curl -X POST ${base}/api/v1/events \\
  -H "Authorization: Bearer $LEDGERWIRE_API_KEY" \\
  -H "Content-Type: application/json" \\
  -H "Idempotency-Key: batch-2026-03-14-001" \\
  -d '${JSON.stringify({ events: [API_EVENT_EXAMPLE] }, null, 2)}'`;
  const types = eventTypeDocs();

  return (
    <main className="mx-auto max-w-4xl px-6 py-10">
      <p className="text-sm">
        <Link href="/" className="text-brand-700 hover:underline">
          Ledgerwire
        </Link>
      </p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight text-slate-900">Events API</h1>
      <p className="mt-4 text-slate-700">
        Send money events from your own systems with <code>POST /api/v1/events</code>. Each event is stored before the answer and
        booked to QuickBooks Online exactly once. Amounts are <strong>integer minor units</strong> of their currency: 1999 means
        19.99 USD, 500 means 500 JPY. The machine-readable contract is at{" "}
        <a className="text-brand-700 underline" href="/api/v1/openapi.json">
          /api/v1/openapi.json
        </a>{" "}
        (OpenAPI 3).
      </p>

      <nav aria-label="On this page" className="mt-8 rounded-xl border border-slate-200 bg-slate-50 p-4 text-sm">
        <p className="font-medium text-slate-900">On this page</p>
        <ul className="mt-2 grid gap-x-6 gap-y-1 sm:grid-cols-2">
          {SECTIONS.map(([id, title]) => (
            <li key={id}>
              <a href={`#${id}`} className="text-brand-700 hover:underline">
                {title}
              </a>
            </li>
          ))}
        </ul>
        <p className="mt-3 font-medium text-slate-900">Event types</p>
        <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1 font-mono text-xs">
          {types.map((doc) => (
            <li key={doc.type}>
              <a href={`#type-${doc.type}`} className="text-brand-700 hover:underline">
                {doc.type}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      <h2 id="authentication" className="mt-10 scroll-mt-6 text-xl font-semibold text-slate-900">Authentication</h2>
      <p className="mt-2 text-slate-700">
        Create a key under <em>Settings › API keys</em> in your workspace, with the <code>events:write</code> scope, and send it as{" "}
        <code>Authorization: Bearer lw_live_…</code>. The key decides the workspace; nothing in the body can.
      </p>

      <h2 id="retries-and-duplicates" className="mt-10 scroll-mt-6 text-xl font-semibold text-slate-900">Retries and duplicates</h2>
      <p className="mt-2 text-slate-700">
        Send an <code>Idempotency-Key</code> header and retry freely: the same key and body within 24 hours get the first answer again
        (with <code>Idempotent-Replayed: true</code>); the same key with a different body gets 409. Independently, an event whose{" "}
        <code>type</code> and <code>id</code> were received before is answered as <code>duplicate</code> and never booked twice.
      </p>

      <h2 id="example" className="mt-10 scroll-mt-6 text-xl font-semibold text-slate-900">Example</h2>
      <pre className="mt-3 overflow-x-auto rounded-lg bg-slate-900 p-4 text-xs text-slate-100">
        <code>{curl}</code>
      </pre>
      <p className="mt-2 text-sm text-slate-600">
        Answer <code>202</code>: <code>{`{"events":[{"index":0,"id":"…","externalId":"${API_EVENT_EXAMPLE.id}","type":"sale","status":"accepted"}]}`}</code>
      </p>

      <h2 id="errors" className="mt-10 scroll-mt-6 text-xl font-semibold text-slate-900">Errors</h2>
      <table className="mt-3 w-full text-left text-sm">
        <caption className="sr-only">Error answers</caption>
        <thead>
          <tr className="border-b border-slate-200 text-slate-500">
            <th scope="col" className="py-2 pr-4">Status</th>
            <th scope="col" className="py-2 pr-4">code</th>
            <th scope="col" className="py-2">When</th>
          </tr>
        </thead>
        <tbody>
          {ERRORS.map(([status, code, when]) => (
            <tr key={code} className="border-b border-slate-100">
              <td className="py-2 pr-4 font-mono">{status}</td>
              <td className="py-2 pr-4 font-mono">{code}</td>
              <td className="py-2 text-slate-700">{when}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2 id="event-types" className="mt-10 scroll-mt-6 text-xl font-semibold text-slate-900">Event types</h2>
      {types.map((doc) => (
        <section key={doc.type} id={`type-${doc.type}`} aria-labelledby={`type-${doc.type}-heading`} className="mt-8 scroll-mt-6">
          <h3 id={`type-${doc.type}-heading`} className="font-mono text-lg font-semibold text-slate-900">
            {doc.type}
          </h3>
          {doc.description ? <p className="mt-1 text-slate-700">{doc.description}</p> : null}
          {/* Fields folded by default: the page was 15,000 px of tables. Browsers still find text inside on Ctrl-F. */}
          <details className="mt-2">
            <summary className="cursor-pointer text-sm font-medium text-brand-700">
              {doc.fields.length} fields
            </summary>
            <table className="mt-3 w-full text-left text-sm">
              <caption className="sr-only">Fields of {doc.type}</caption>
              <thead>
                <tr className="border-b border-slate-200 text-slate-500">
                  <th scope="col" className="py-1.5 pr-4">Field</th>
                  <th scope="col" className="py-1.5 pr-4">Type</th>
                  <th scope="col" className="py-1.5">Description</th>
                </tr>
              </thead>
              <tbody>
                {doc.fields.map((field) => (
                  <tr key={field.name} className="border-b border-slate-100 align-top">
                    <td className="py-1.5 pr-4 font-mono text-xs">
                      {field.name}
                      {field.required ? <span className="ml-1 text-red-700">required</span> : null}
                    </td>
                    <td className="py-1.5 pr-4 font-mono text-xs text-slate-600">{field.type}</td>
                    <td className="py-1.5 text-slate-700">{field.description}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </section>
      ))}
    </main>
  );
}
