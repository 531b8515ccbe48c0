import { HealthIndicator } from "@/components/health/health-indicator";

const STEPS = [
  { name: "Ingest", text: "Signed webhooks from Stripe and Shopify and an authenticated events API, stored before they are acknowledged." },
  { name: "Map", text: "Your versioned mapping turns each event into balanced QuickBooks postings, checked before anything is sent." },
  { name: "Post", text: "Durable jobs post within seconds, respecting QuickBooks' limits, exactly once by construction." },
  { name: "Reconcile", text: "Source and QuickBooks totals compared per day, account and currency, with every posting in the audit log." },
];

export default function LandingPage() {
  return (
    <div className="mx-auto flex min-h-screen max-w-5xl flex-col px-6">
      <header className="flex items-center justify-between py-6">
        <span className="text-lg font-semibold tracking-tight text-brand-900">Ledgerwire</span>
        <HealthIndicator />
      </header>

      <main className="flex-1 py-16">
        <h1 className="max-w-3xl text-4xl font-semibold tracking-tight text-slate-900 sm:text-5xl">
          Your QuickBooks books, current to the second.
        </h1>
        <p className="mt-6 max-w-2xl text-lg text-slate-600">
          Ledgerwire posts payments, orders, refunds, fees and payouts from Stripe, Shopify and your own systems into
          QuickBooks Online within seconds: exactly once, mapped to the right accounts, every posting explained and
          reconciled.
        </p>

        <ol className="mt-14 grid gap-6 sm:grid-cols-2 lg:grid-cols-4" aria-label="How it works">
          {STEPS.map((step, index) => (
            <li key={step.name} className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
              <p className="text-xs font-medium uppercase tracking-wide text-brand-600">Step {index + 1}</p>
              <h2 className="mt-1 font-semibold text-slate-900">{step.name}</h2>
              <p className="mt-2 text-sm text-slate-600">{step.text}</p>
            </li>
          ))}
        </ol>
      </main>

      <footer className="border-t border-slate-200 py-6 text-sm text-slate-500">
        Open source and self-hostable. Runs fully on your machine in demo mode.
      </footer>
    </div>
  );
}
