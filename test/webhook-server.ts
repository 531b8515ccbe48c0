import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import quickBooks from "../pages/api/webhooks/quickbooks";
import shopify from "../pages/api/webhooks/shopify/[connectionId]";
import stripe from "../pages/api/webhooks/stripe/[connectionId]";
import type { WebhookRequest } from "../lib/ingest/webhook-route";

// The webhook routes are Pages API routes that take Node's request and response. Tests send them real HTTP
// requests through this server, which does only what Next's router does for them: match the path and put its
// dynamic segment in `req.query`.

const ROUTES: [RegExp, (req: WebhookRequest, res: ServerResponse) => Promise<void>][] = [
  [/^\/api\/webhooks\/quickbooks$/, quickBooks],
  [/^\/api\/webhooks\/stripe\/(?<connectionId>[^/]+)$/, stripe],
  [/^\/api\/webhooks\/shopify\/(?<connectionId>[^/]+)$/, shopify],
];

let started: Promise<string> | undefined;

function start(): Promise<string> {
  const server: Server = createServer((req: WebhookRequest, res) => {
    const pathname = new URL(req.url ?? "/", "http://localhost").pathname;
    for (const [pattern, handler] of ROUTES) {
      const match = pattern.exec(pathname);
      if (!match) continue;
      req.query = { ...(match.groups ?? {}) };
      void handler(req, res);
      return;
    }
    res.writeHead(404).end();
  });
  server.unref();
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

/** Where the webhook routes listen (for tests that need raw HTTP, such as a body streamed without a length). */
export function webhookRoutesBase(): Promise<string> {
  started ??= start();
  return started;
}

/** Sends a request built for the app's origin to the webhook routes, and returns their answer. */
export async function sendToWebhookRoutes(request: Request): Promise<Response> {
  const base = await webhookRoutesBase();
  const url = new URL(request.url);
  const body = request.method === "GET" || request.method === "HEAD" ? undefined : new Uint8Array(await request.arrayBuffer());
  return fetch(`${base}${url.pathname}${url.search}`, { method: request.method, headers: request.headers, body });
}
