// The demo source as a part of `npm run dev`: signed Stripe and Shopify webhooks posted to the app's webhook
// routes for the demo workspace's two connections (lib/demo/demo-sources.ts), and the Stripe API stand-in the
// app fetches fees from. The stand-in starts before the web server, which is given its URL as STRIPE_API_BASE;
// sending starts once the app answers. Not started by the end-to-end run: no journey needs it yet.
import { DEMO_SHOPIFY_SOURCE, DEMO_STRIPE_SOURCE } from "../../lib/demo/demo-sources";
import { startDemoSource, type DemoSource } from "../../sim/sources";
import { partLog } from "./parts";

export const DEFAULT_DEMO_SOURCE_RATE = 0.2;

/**
 * DEMO_SOURCE_RATE, webhooks per second (both sources together); 0 turns the demo source off. Only the launcher
 * reads it, so it lives here rather than in lib/env.ts.
 */
export function demoSourceRate(value: string | undefined = process.env.DEMO_SOURCE_RATE): number {
  if (value === undefined || value.trim() === "") return DEFAULT_DEMO_SOURCE_RATE;
  const rate = Number(value);
  if (!Number.isFinite(rate) || rate < 0 || rate > 10_000) {
    throw new Error("Invalid environment: DEMO_SOURCE_RATE expects webhooks per second, a number from 0 (off) to 10000.");
  }
  return rate;
}

/** Starts the Stripe API stand-in, not yet sending; null when the rate is 0. */
export async function startDemoSourcePart(options: { appUrl: string; rate: number }): Promise<DemoSource | null> {
  if (options.rate === 0) return null;
  const log = partLog("source");
  const source = await startDemoSource({
    appUrl: options.appUrl,
    stripe: { connectionId: DEMO_STRIPE_SOURCE.id, webhookSecret: DEMO_STRIPE_SOURCE.webhookSecret, apiKey: DEMO_STRIPE_SOURCE.apiKey },
    shopify: { connectionId: DEMO_SHOPIFY_SOURCE.id, webhookSecret: DEMO_SHOPIFY_SOURCE.webhookSecret, shopDomain: DEMO_SHOPIFY_SOURCE.shopDomain },
    ratePerSecond: options.rate,
    sending: false,
    log,
  });
  log(`Stripe API stand-in on ${source.stripeApiUrl} (STRIPE_API_BASE for the app)`);
  return source;
}

/**
 * `next dev` compiles a route on its first request, which can take longer than a sender waits. A GET (answered
 * 405: the routes only take POST) compiles both before the first delivery.
 */
export async function warmWebhookRoutes(appUrl: string): Promise<void> {
  const paths = [`/api/webhooks/stripe/${DEMO_STRIPE_SOURCE.id}`, `/api/webhooks/shopify/${DEMO_SHOPIFY_SOURCE.id}`];
  await Promise.all(paths.map((p) => fetch(`${appUrl}${p}`, { signal: AbortSignal.timeout(120_000) }).then((r) => r.body?.cancel(), () => {})));
}
