import type { Metadata } from "next";
import { ConnectShopifyForm } from "@/components/sources/connect-shopify-form";
import { ConnectStripeForm } from "@/components/sources/connect-stripe-form";
import { EventsApiCard } from "@/components/sources/events-api-card";
import { SourceCard } from "@/components/sources/source-card";
import { EmptyState, Notice } from "@/components/ui/notice";
import { DEMO_STRIPE_SOURCE } from "@/lib/demo/demo-sources";
import { env } from "@/lib/env";
import { listSources } from "@/lib/sources/manage/list-sources";
import { listQboChoices } from "@/lib/sources/manage/qbo-company";
import { DEFAULT_API_BASE } from "@/lib/sources/stripe/stripe-api";
import { requireWorkspacePage } from "@/lib/tenancy/page-context";

export const metadata: Metadata = { title: "Sources" };

export default async function SourcesPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await requireWorkspacePage(slug, "connections.manage");
  const [sources, choices] = await Promise.all([listSources(ctx), listQboChoices(ctx)]);
  const live = sources.filter((s) => s.status !== "DISCONNECTED");
  const gone = sources.filter((s) => s.status === "DISCONNECTED");
  const { demoMode, stripeApiBase } = env();

  return (
    <div className="space-y-10">
      <div>
        <h1 className="text-2xl font-semibold">Sources</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Where money events come from: Stripe and Shopify send signed webhooks to this workspace, and your own systems use the events API. Each source posts into one
          QuickBooks company. Secrets are sealed when saved and never shown again: you see their last four characters.
        </p>
      </div>

      <section aria-labelledby="sources-heading" className="space-y-3">
        <h2 id="sources-heading" className="font-semibold">
          Connected sources
        </h2>
        {live.length === 0 ? (
          <EmptyState title="No sources connected yet.">
            Connect Stripe or Shopify below: you will get a webhook URL to paste into their settings, and a test button to check it. Your own systems need only an API key.
          </EmptyState>
        ) : (
          live.map((source) => <SourceCard key={source.id} slug={slug} source={source} choices={choices} />)
        )}
      </section>

      <section aria-labelledby="connect-heading" className="space-y-4">
        <h2 id="connect-heading" className="font-semibold">
          Connect a source
        </h2>
        {demoMode && stripeApiBase !== DEFAULT_API_BASE ? (
          <Notice title="Demo mode: Stripe is a local stand-in">
            Keys are checked against <code className="font-mono">{stripeApiBase}</code>, which accepts the demo key <code className="font-mono">{DEMO_STRIPE_SOURCE.apiKey}</code>{" "}
            (not a secret). Set <code className="font-mono">STRIPE_API_BASE</code> to reach the real Stripe.
          </Notice>
        ) : null}
        <div className="grid gap-4 lg:grid-cols-2">
          <section aria-labelledby="connect-stripe-heading" className="rounded-xl border border-slate-200 bg-white p-5">
            <h3 id="connect-stripe-heading" className="font-semibold">
              Stripe
            </h3>
            <p className="mt-1 text-sm text-slate-600">Payments, refunds, disputes, payouts and invoices, with their fees.</p>
            <div className="mt-4">
              <ConnectStripeForm slug={slug} choices={choices} />
            </div>
          </section>
          <section aria-labelledby="connect-shopify-heading" className="rounded-xl border border-slate-200 bg-white p-5">
            <h3 id="connect-shopify-heading" className="font-semibold">
              Shopify
            </h3>
            <p className="mt-1 text-sm text-slate-600">
              Paid orders and refunds, with taxes, shipping and discounts. For a custom app or webhooks made in the shop admin; signing in through a public Shopify app
              (OAuth) is not available yet.
            </p>
            <div className="mt-4">
              <ConnectShopifyForm slug={slug} choices={choices} />
            </div>
          </section>
        </div>
        <EventsApiCard slug={slug} />
      </section>

      {gone.length > 0 ? (
        <section aria-labelledby="disconnected-heading" className="space-y-3">
          <h2 id="disconnected-heading" className="font-semibold">
            Disconnected
          </h2>
          {gone.map((source) => (
            <SourceCard key={source.id} slug={slug} source={source} choices={choices} />
          ))}
        </section>
      ) : null}
    </div>
  );
}
