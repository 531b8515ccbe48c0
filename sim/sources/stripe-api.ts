import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { StripeLedger } from "./stripe-ledger";
import { STRIPE_API_VERSION } from "./stripe-objects";

// The part of Stripe's API the app calls for fees, served from the generator's ledger on Stripe's own paths and
// in its own answer shapes, so the official `stripe` client (and its error classes) work unchanged against it:
//   GET /v1/balance_transactions/:id
//   GET /v1/balance_transactions?payout=po_…&limit=…&starting_after=…
// Only the restricted key given here opens it (401 otherwise), as a real account's key would.

export type StripeApiOptions = {
  ledger: StripeLedger;
  /** The restricted key (rk_test_…) the app's connection holds. */
  apiKey: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Told of each request and its status, for a demo's log. */
  onRequest?: (line: string) => void;
};

export type StripeApi = { url: string; port: number; stop: () => Promise<void> };

type Answer = { status: number; body: unknown };

const stripeError = (status: number, error: Record<string, string>): Answer => ({ status, body: { error: { type: "invalid_request_error", ...error } } });

export async function startStripeApi(options: StripeApiOptions): Promise<StripeApi> {
  const server = createServer((request, response) => {
    let answer: Answer;
    try {
      answer = route(request, options);
    } catch (error) {
      answer = { status: 500, body: { error: { type: "api_error", message: (error as Error).message } } };
    }
    send(response, answer);
    options.onRequest?.(`${request.method} ${request.url} -> ${answer.status}`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    port,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function route(request: IncomingMessage, options: StripeApiOptions): Answer {
  const auth = request.headers.authorization;
  if (!auth) return stripeError(401, { message: "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY')." });
  if (auth !== `Bearer ${options.apiKey}`) {
    const given = auth.replace(/^Bearer\s+/i, "");
    return stripeError(401, { message: `Invalid API Key provided: ${given.slice(0, 8)}${"*".repeat(Math.max(0, given.length - 12))}${given.slice(-4)}` });
  }
  const url = new URL(request.url ?? "/", "http://localhost");
  const unknown = stripeError(404, { message: `Unrecognized request URL (${request.method}: ${url.pathname}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.` });
  if (request.method !== "GET") return unknown;

  const one = /^\/v1\/balance_transactions\/([A-Za-z0-9_]+)$/.exec(url.pathname);
  if (one) {
    const id = one[1] ?? "";
    const found = options.ledger.get(id);
    return found ? { status: 200, body: found } : stripeError(404, { code: "resource_missing", param: "id", message: `No such balance transaction: '${id}'` });
  }
  if (url.pathname !== "/v1/balance_transactions") return unknown;

  const limitParam = url.searchParams.get("limit") ?? "10";
  const limit = Number(limitParam);
  if (!/^\d+$/.test(limitParam) || limit < 1 || limit > 100) {
    return stripeError(400, { param: "limit", message: `Invalid integer: ${limitParam}` });
  }
  const payout = url.searchParams.get("payout");
  const all = payout ? options.ledger.listPayout(payout) : options.ledger.list();
  if (!all) return stripeError(404, { code: "resource_missing", param: "payout", message: `No such payout: '${payout}'` });
  const after = url.searchParams.get("starting_after");
  const from = after ? all.findIndex((bt) => bt.id === after) + 1 : 0;
  if (after && from === 0) return stripeError(400, { param: "starting_after", message: `No such balance transaction: '${after}'` });
  const data = all.slice(from, from + limit);
  return { status: 200, body: { object: "list", data, has_more: from + limit < all.length, url: "/v1/balance_transactions" } };
}

function send(response: ServerResponse, answer: Answer): void {
  const body = JSON.stringify(answer.body, null, 2);
  response.writeHead(answer.status, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(body),
    "Request-Id": `req_${randomBytes(7).toString("hex")}`,
    "Stripe-Version": STRIPE_API_VERSION,
  });
  response.end(body);
}
