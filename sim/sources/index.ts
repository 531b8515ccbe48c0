// The demo source: realistic, signed Stripe and Shopify webhooks sent to the app at a chosen rate, plus the
// slice of Stripe's API the app calls for fees. Demo mode runs it beside the app (scripts/lib/demo-source.ts);
// benchmarks take pre-built deliveries (buildStripeDeliveries, buildShopifyDeliveries). It imports nothing
// from app/ or lib/: to the product it is the outside world, like sim/quickbooks.
import { shopifyDelivery, stripeDelivery, type Delivery, DEFAULT_SHOP_DOMAIN } from "./deliveries";
import { createRandom } from "./random";
import { DeliverySender, type SenderStats } from "./sender";
import { ShopifyEventGenerator } from "./shopify-events";
import { startStripeApi, type StripeApi } from "./stripe-api";
import { StripeEventGenerator } from "./stripe-events";

export { buildShopifyDeliveries, buildStripeDeliveries, shopifyDeliveries, stripeDeliveries, type Delivery } from "./deliveries";
export { startStripeApi, type StripeApi, type StripeApiResource } from "./stripe-api";
export { StripeEventGenerator } from "./stripe-events";
export { ShopifyEventGenerator } from "./shopify-events";
export type { SenderStats } from "./sender";

export type DemoSourceOptions = {
  appUrl: string;
  stripe?: { connectionId: string; webhookSecret: string; apiKey: string };
  shopify?: { connectionId: string; webhookSecret: string; shopDomain?: string };
  /** Notifications per second, both sources together (open loop: answers do not slow it down). */
  ratePerSecond?: number;
  /** Fixes the stream. By default each run draws a new one, so its event ids never repeat an earlier run's. */
  seed?: number | string;
  /** Port of the Stripe API stand-in; 0 picks a free one. */
  apiPort?: number;
  log?: (line: string) => void;
  /** false: start only the Stripe API stand-in now and send after startSending() (the app needs its URL first). */
  sending?: boolean;
  /** Unix seconds where the simulated clock starts; by default midnight UTC a week ago. */
  start?: number;
  /** Notifications per simulated day and source; a payout closes each Stripe day. */
  eventsPerDay?: number;
  /** Share of notifications delivered a second time, as at-least-once senders sometimes do. */
  duplicateRate?: number;
  /** Log each delivery; by default only at rates up to 1 per second. */
  verbose?: boolean;
  retryDelaysMs?: readonly number[];
};

export type DemoSource = {
  /** Where the Stripe API stand-in listens (STRIPE_API_BASE for the app); undefined without a Stripe source. */
  stripeApiUrl: string | undefined;
  startSending: () => void;
  stop: () => Promise<void>;
  stats: () => SenderStats;
};

const DAY = 86_400;

export async function startDemoSource(options: DemoSourceOptions): Promise<DemoSource> {
  const rate = options.ratePerSecond ?? 0.5;
  if (!(rate > 0)) throw new Error(`The demo source's rate must be above 0 per second (got ${rate}).`);
  const log = options.log ?? (() => {});
  const seed = options.seed ?? Date.now();
  const start = options.start ?? Math.floor(Date.now() / 1000 / DAY) * DAY - 7 * DAY;
  const stream = { seed, start, eventsPerDay: options.eventsPerDay };
  const stripe = options.stripe && { target: options.stripe, generator: new StripeEventGenerator(stream) };
  const shopify = options.shopify && {
    target: { ...options.shopify, shopDomain: options.shopify.shopDomain ?? DEFAULT_SHOP_DOMAIN },
    generator: new ShopifyEventGenerator({ ...stream, shopDomain: options.shopify.shopDomain ?? DEFAULT_SHOP_DOMAIN }),
  };
  if (!stripe && !shopify) throw new Error("The demo source needs a Stripe or a Shopify connection to send to.");

  const verbose = options.verbose ?? rate <= 1;
  let api: StripeApi | undefined;
  if (stripe) {
    const onRequest = verbose ? (line: string) => log(`Stripe API: ${line}`) : undefined;
    api = await startStripeApi({ ledger: stripe.generator.ledger, apiKey: stripe.target.apiKey, port: options.apiPort ?? 0, onRequest });
  }
  const sender = new DeliverySender({ appUrl: options.appUrl, log, verbose, retryDelaysMs: options.retryDelaysMs });
  const mix = createRandom(`mix:${seed}`);
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;
  let sending = false;

  const later = (ms: number, run: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!stopped) run();
    }, ms);
    timers.add(timer);
  };

  const sendOne = (label: string, build: () => Delivery) => {
    const again = mix.chance(options.duplicateRate ?? 0.02);
    void sender.send(label, build).then(() => {
      if (again) later(2_000, () => void sender.send(`${label} (delivered again)`, build));
    });
  };

  const fire = () => {
    if (stripe && (!shopify || mix.chance(0.6))) {
      const event = stripe.generator.next();
      sendOne(`stripe ${event.type} ${event.id}`, () => stripeDelivery(event, stripe.target)); // re-signed per attempt
    } else if (shopify) {
      const notification = shopify.generator.next();
      const delivery = shopifyDelivery(notification, shopify.target);
      sendOne(`shopify ${notification.topic} ${notification.webhookId}`, () => delivery);
    }
  };

  const startSending = () => {
    if (stopped || sending) return;
    sending = true;
    const interval = 1000 / rate;
    let nextAt = Date.now();
    const tick = () => {
      const now = Date.now();
      // After a stall (a paused process), start afresh rather than firing the missed backlog at once.
      if (nextAt < now - 1000) nextAt = now;
      while (nextAt <= now) {
        fire();
        nextAt += interval;
      }
      later(Math.max(1, Math.min(nextAt - Date.now(), 1000)), tick);
    };
    tick();
    const summary = setInterval(() => {
      const s = sender.stats();
      log(`sent ${s.sent}, acknowledged ${s.acknowledged} (${s.duplicates} duplicates), retried ${s.retried}, failed ${s.failed}, in flight ${s.inFlight}`);
    }, 30_000);
    timers.add(summary);
    log(`sending ${rate} webhooks/s to ${options.appUrl} (${[stripe && "Stripe", shopify && "Shopify"].filter(Boolean).join(" and ")})`);
  };

  if (options.sending !== false) startSending();
  return {
    stripeApiUrl: api?.url,
    startSending,
    stats: () => sender.stats(),
    stop: async () => {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await sender.stop();
      await api?.stop();
    },
  };
}
