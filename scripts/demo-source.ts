// `npm run demo:source -- --app http://localhost:3000 --rate 5 --seconds 30`: sends the demo source's signed
// Stripe and Shopify webhooks to a running app's demo connections (seeded by `npm run dev`), then prints what
// was acknowledged. The Stripe API stand-in runs meanwhile on --api-port; an app started separately must have
// STRIPE_API_BASE pointing there to fetch the demo's fees. Exits 1 when any delivery failed for good.
import { parseArgs } from "node:util";
import { DEMO_SHOPIFY_SOURCE, DEMO_STRIPE_SOURCE } from "../lib/demo/demo-sources";
import { startDemoSource } from "../sim/sources";

const { values } = parseArgs({
  options: {
    app: { type: "string", default: "http://localhost:3000" },
    rate: { type: "string", default: "5" },
    seconds: { type: "string", default: "30" },
    seed: { type: "string" },
    "api-port": { type: "string", default: "0" },
    only: { type: "string" },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const rate = Number(values.rate);
const seconds = Number(values.seconds);
const apiPort = Number(values["api-port"]);
if (!(rate > 0)) fail(`--rate expects webhooks per second above 0, got "${values.rate}".`);
if (!(seconds > 0)) fail(`--seconds expects a duration above 0, got "${values.seconds}".`);
if (!Number.isInteger(apiPort) || apiPort < 0 || apiPort > 65535) fail(`--api-port expects a port number (0 for any free one), got "${values["api-port"]}".`);
if (values.only && !["stripe", "shopify"].includes(values.only)) fail(`--only expects stripe or shopify, got "${values.only}".`);

const source = await startDemoSource({
  appUrl: values.app,
  stripe:
    values.only === "shopify"
      ? undefined
      : { connectionId: DEMO_STRIPE_SOURCE.id, webhookSecret: DEMO_STRIPE_SOURCE.webhookSecret, apiKey: DEMO_STRIPE_SOURCE.apiKey },
  shopify:
    values.only === "stripe"
      ? undefined
      : { connectionId: DEMO_SHOPIFY_SOURCE.id, webhookSecret: DEMO_SHOPIFY_SOURCE.webhookSecret, shopDomain: DEMO_SHOPIFY_SOURCE.shopDomain },
  ratePerSecond: rate,
  seed: values.seed,
  apiPort,
  log: (line) => console.log(line),
}).catch((error: unknown) => fail(`The demo source could not start: ${(error as Error).message}`));
if (source.stripeApiUrl) console.log(`Stripe API stand-in on ${source.stripeApiUrl}`);

const finish = async () => {
  console.log("stopping: waiting for deliveries on the wire…");
  await source.stop();
  const s = source.stats();
  console.log(`sent ${s.sent}, acknowledged ${s.acknowledged} (${s.duplicates} duplicates), retried ${s.retried}, failed ${s.failed}`);
  process.exit(s.failed > 0 ? 1 : 0);
};
const timer = setTimeout(() => void finish(), seconds * 1000);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    clearTimeout(timer);
    void finish();
  });
}
