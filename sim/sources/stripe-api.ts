import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { StripeLedger } from "./stripe-ledger";
import { STRIPE_API_VERSION } from "./stripe-objects";

// The part of Stripe's API the app calls for fees, served from the generator's ledger on Stripe's own paths and
// in its own answer shapes, so the official `stripe` client (and its error classes) work unchanged against it:
//   GET /v1/balance_transactions/:id
//   GET /v1/balance_transactions?payout=po_…&limit=…&starting_after=…
//   GET /v1/tax_rates?limit=… and /v1/tax_rates/:id (the demo has no tax rates: an empty list, 404 by id)
// Only the restricted key given here opens it (401 otherwise), as a real account's key would. `restrictedKeys`
// adds keys that may read only some resources: the others answer 403 as Stripe answers a restricted key without
// the permission, so the app's key check can be tested against "Stripe".

export type StripeApiOptions = {
  ledger: StripeLedger;
  /** The restricted key (rk_test_…) the app's connection holds. */
  apiKey: string;
  /** More keys, each allowed to read only the resources listed (the main `apiKey` reads everything). */
  restrictedKeys?: readonly { key: string; allows: readonly StripeApiResource[] }[];
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Told of each request and its status, for a demo's log. */
  onRequest?: (line: string) => void;
};

/** Resources a restricted key can be given read access to, named after Stripe's permission. */
export type StripeApiResource = "balance" | "tax_rates";

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
  const given = auth.replace(/^Bearer\s+/i, "");
  const masked = `${given.slice(0, 8)}${"*".repeat(Math.max(0, given.length - 12))}${given.slice(-4)}`;
  const restricted = options.restrictedKeys?.find((k) => k.key === given);
  if (given !== options.apiKey && !restricted) return stripeError(401, { message: `Invalid API Key provided: ${masked}` });
  const url = new URL(request.url ?? "/", "http://localhost");
  const unknown = stripeError(404, { message: `Unrecognized request URL (${request.method}: ${url.pathname}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.` });
  if (request.method !== "GET") return unknown;
  const resource: StripeApiResource | null = url.pathname.startsWith("/v1/balance_transactions") ? "balance" : url.pathname.startsWith("/v1/tax_rates") ? "tax_rates" : null;
  if (restricted && resource && !restricted.allows.includes(resource)) {
    return stripeError(403, {
      message: `The provided key '${masked}' does not have the required permissions for this endpoint. Having the 'rak_${resource}_read' permission would allow this request to continue.`,
    });
  }
  if (url.pathname === "/v1/tax_rates") return listOf([], "/v1/tax_rates", url);
  const taxRate = /^\/v1\/tax_rates\/([A-Za-z0-9_]+)$/.exec(url.pathname);
  if (taxRate) return stripeError(404, { code: "resource_missing", param: "id", message: `No such tax rate: '${taxRate[1] ?? ""}'` });

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

function listOf(data: unknown[], path: string, url: URL): Answer {
  const limitParam = url.searchParams.get("limit") ?? "10";
  const limit = Number(limitParam);
  if (!/^\d+$/.test(limitParam) || limit < 1 || limit > 100) return stripeError(400, { param: "limit", message: `Invalid integer: ${limitParam}` });
  return { status: 200, body: { object: "list", data: data.slice(0, limit), has_more: data.length > limit, url: path } };
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
