// The app side of bench/drain and bench/latency, in its own process as the web server is in production: the
// Stripe webhook route (the very handler of pages/api/webhooks/stripe/[connectionId].ts) and the Inngest serve
// handler with every function of the app, on plain node:http (no Next build to wait for). On start it seeds the
// demo workspace, its Stripe source and its books (connection to the simulator's company, accounts, items, an
// active mapping) exactly as `npm run dev` does, then prints {"port": n}. Environment from bench/drain/harness.ts.
import http, { type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "inngest/node";

const { db } = await import("../../lib/db");
const { seedDemo } = await import("../../lib/demo/seed-demo");
const { seedDemoSources } = await import("../../lib/demo/demo-sources");
const { seedDemoBooks } = await import("../../lib/demo/demo-books");
const { inngest } = await import("../../inngest/client");
const { functions } = await import("../../inngest/functions");
const stripeRoute = (await import("../../pages/api/webhooks/stripe/[connectionId]")).default;

if (process.env.BENCH_SEED === "1") {
  await seedDemo(db);
  await seedDemoSources(db);
  await seedDemoBooks();
}

const inngestHandler = serve({ client: inngest, functions });
const STRIPE_PATH = /^\/api\/webhooks\/stripe\/([^/?]+)/;

const server = http.createServer((req, res) => {
  const url = req.url ?? "/";
  const stripe = STRIPE_PATH.exec(url);
  if (stripe) {
    (req as IncomingMessage & { query?: Record<string, string> }).query = { connectionId: decodeURIComponent(stripe[1]!) };
    void stripeRoute(req, res);
    return;
  }
  if (url.startsWith("/api/inngest")) {
    void inngestHandler(req, res);
    return;
  }
  res.writeHead(url === "/health" ? 200 : 404).end();
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => console.log(JSON.stringify({ port: (server.address() as AddressInfo).port })));
