import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { afterEach, describe, expect, it } from "vitest";
import { startDemoSource } from "./index";
import { DeliverySender } from "./sender";

// A stand-in for the app: answers with whatever the test decides and records what it received.
type Received = { path: string; headers: Record<string, string | string[] | undefined>; body: string };
let server: Server | undefined;

async function fakeApp(answer: (r: Received, n: number) => { status: number; body?: unknown }) {
  const received: Received[] = [];
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const r = { path: request.url ?? "", headers: request.headers, body: Buffer.concat(chunks).toString("utf8") };
      received.push(r);
      const { status, body } = answer(r, received.length);
      response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body ?? {}));
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

afterEach(async () => {
  const running = server;
  server = undefined;
  if (!running) return;
  running.closeAllConnections();
  await new Promise((resolve) => running.close(resolve));
});

const delivery = { path: "/hook", headers: { "content-type": "application/json" }, body: "{}" };

describe("the delivery sender", () => {
  it("retries a failed delivery with backoff until the app acknowledges it", async () => {
    const app = await fakeApp((_, n) => (n < 3 ? { status: 503 } : { status: 200, body: { received: true, duplicate: false } }));
    const sender = new DeliverySender({ appUrl: app.url, retryDelaysMs: [10, 20, 40, 80, 160] });
    await sender.send("one", () => delivery);
    expect(sender.stats()).toEqual({ sent: 1, attempts: 3, acknowledged: 1, duplicates: 0, retried: 2, failed: 0, inFlight: 0 });
  });

  it("gives up after five retries, and counts duplicates the app reports", async () => {
    const app = await fakeApp((r) => (r.path === "/dup" ? { status: 200, body: { received: true, duplicate: true } } : { status: 500 }));
    const sender = new DeliverySender({ appUrl: app.url, retryDelaysMs: [1, 1, 1, 1, 1] });
    await Promise.all([sender.send("bad", () => delivery), sender.send("dup", () => ({ ...delivery, path: "/dup" }))]);
    expect(sender.stats()).toMatchObject({ sent: 2, attempts: 7, acknowledged: 1, duplicates: 1, retried: 5, failed: 1 });
  });

  it("keeps retrying when the app cannot be reached, as senders do when a server is down", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve)); // nothing listens there now
    const lines: string[] = [];
    const sender = new DeliverySender({ appUrl: `http://127.0.0.1:${port}`, retryDelaysMs: [1, 1], log: (line) => lines.push(line) });
    await sender.send("down", () => delivery);
    expect(sender.stats()).toMatchObject({ attempts: 3, retried: 2, failed: 1 });
    expect(lines.at(-1)).toMatch(/^down failed after 3 attempt\(s\), giving up: .*ECONNREFUSED/);
  });
});

describe("startDemoSource", () => {
  // Counted, not timed: a busy machine sends fewer per second of wall time, never more. So it must reach 20
  // deliveries (at 40/s half a second; the test's timeout stops a source that ignores the rate), never run ahead
  // of 40 per second of the time it actually had, and send nothing once stopped.
  it("sends a verifiable mix of Stripe and Shopify webhooks at the rate asked, and stops cleanly", async () => {
    const stripe = { connectionId: "st", webhookSecret: "whsec_test_secret_0123", apiKey: "rk_test_key_0123" };
    const shopify = { connectionId: "sh", webhookSecret: "shpss_test_secret_0123", shopDomain: "demo-test.myshopify.com" };
    const app = await fakeApp(() => ({ status: 200, body: { received: true, duplicate: false } }));
    const started = Date.now();
    const source = await startDemoSource({ appUrl: app.url, stripe, shopify, ratePerSecond: 40, seed: 1, duplicateRate: 0 });
    expect(source.stripeApiUrl).toMatch(/^http:\/\/localhost:\d+$/);
    while (app.received.length < 20) await new Promise((resolve) => setTimeout(resolve, 10));
    await source.stop();
    const elapsedMs = Date.now() - started;
    const atStop = app.received.length;
    await new Promise((resolve) => setTimeout(resolve, 100)); // four sending intervals
    expect(app.received.length).toBe(atStop);

    const stats = source.stats();
    expect(stats.sent).toBeGreaterThanOrEqual(20);
    expect(stats.sent).toBeLessThanOrEqual(1 + Math.floor((40 * elapsedMs) / 1000));
    expect(stats).toMatchObject({ sent: atStop, acknowledged: stats.sent, failed: 0, inFlight: 0 });
    const stripeHits = app.received.filter((r) => r.path === "/api/webhooks/stripe/st");
    const shopifyHits = app.received.filter((r) => r.path === "/api/webhooks/shopify/sh");
    expect(stripeHits.length).toBeGreaterThan(0);
    expect(shopifyHits.length).toBeGreaterThan(0);
    expect(stripeHits.length + shopifyHits.length).toBe(app.received.length);
    for (const hit of stripeHits) {
      const event = Stripe.webhooks.constructEvent(hit.body, String(hit.headers["stripe-signature"]), stripe.webhookSecret);
      expect(event.id).toMatch(/^evt_/);
    }
    for (const hit of shopifyHits) {
      expect(hit.headers["x-shopify-hmac-sha256"]).toBe(createHmac("sha256", shopify.webhookSecret).update(hit.body).digest("base64"));
      expect(hit.headers["x-shopify-shop-domain"]).toBe(shopify.shopDomain);
    }
  });
});
