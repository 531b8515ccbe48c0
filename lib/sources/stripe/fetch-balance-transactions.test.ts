// Runs the official Stripe client against a real HTTP server on localhost that answers as Stripe's API does, with
// Stripe's fixture balance transaction, so the request the client makes and the answers it parses are real.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type Stripe from "stripe";
import { afterEach, describe, expect, it } from "vitest";
import { fetchBalanceTransactions } from "./fetch-balance-transactions";
import { fixture } from "./test-kit";

const KEY = "rk_test_51PgafTB7WZ01zgkWledgerwire";
const BT_ID = "txn_1PgaxNB7WZ01zgkWEV3TLf40";
const PAYOUT_ID = "po_1Pgc79B7WZ01zgkWu1KToYf4";

type Seen = { method: string; path: string; query: Record<string, string>; authorization: string | undefined };
type Answer = { status: number; body: unknown; headers?: Record<string, string> };

let server: Server | undefined;

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** Starts a local "Stripe" on a free port; `answer` decides each response. Returns its base URL and the requests seen. */
async function fakeStripe(answer: (seen: Seen) => Answer): Promise<{ apiBase: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const request = { method: req.method ?? "", path: url.pathname, query: Object.fromEntries(url.searchParams), authorization: req.headers.authorization };
    seen.push(request);
    const { status, body, headers } = answer(request);
    res.writeHead(status, { "content-type": "application/json", "request-id": `req_${seen.length}`, ...headers });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { apiBase: `http://127.0.0.1:${port}`, seen };
}

function transaction(id: string, amount: number, fee: number): Stripe.BalanceTransaction {
  return { ...fixture("balance_transaction"), id, amount, fee, net: amount - fee };
}

function stripeError(status: number, type: string, message: string, headers?: Record<string, string>): Answer {
  return { status, body: { error: { type, message } }, headers };
}

describe("fetchBalanceTransactions", () => {
  it("retrieves each balance transaction by id with the connection's key", async () => {
    const { apiBase, seen } = await fakeStripe(() => ({ status: 200, body: fixture("balance_transaction") }));

    const found = await fetchBalanceTransactions({ apiKey: KEY, ids: [BT_ID, BT_ID], apiBase });

    expect(Object.keys(found)).toEqual([BT_ID]);
    expect(found[BT_ID]).toMatchObject({ id: BT_ID, amount: 100, fee: 0, currency: "usd", source: "ch_1PgafuB7WZ01zgkWXYmPNZs8" });
    expect(seen).toEqual([{ method: "GET", path: `/v1/balance_transactions/${BT_ID}`, query: {}, authorization: `Bearer ${KEY}` }]);
  });

  it("lists every page of a payout's balance transactions", async () => {
    const pages: Record<string, Answer> = {
      first: { status: 200, body: { object: "list", url: "/v1/balance_transactions", has_more: true, data: [transaction("txn_a", 1000, 59), transaction("txn_b", 300, 41)] } },
      txn_b: { status: 200, body: { object: "list", url: "/v1/balance_transactions", has_more: false, data: [transaction("txn_c", -100, 0)] } },
    };
    const { apiBase, seen } = await fakeStripe(({ query }) => pages[query.starting_after ?? "first"] ?? stripeError(400, "invalid_request_error", "Unexpected page"));

    const found = await fetchBalanceTransactions({ apiKey: KEY, ids: [], payoutId: PAYOUT_ID, apiBase });

    expect(Object.keys(found)).toEqual(["txn_a", "txn_b", "txn_c"]);
    expect(seen.map((request) => [request.path, request.query])).toEqual([
      ["/v1/balance_transactions", { payout: PAYOUT_ID, limit: "100" }],
      ["/v1/balance_transactions", { payout: PAYOUT_ID, limit: "100", starting_after: "txn_b" }],
    ]);
  });

  it("says what to fix when Stripe refuses the key", async () => {
    const { apiBase, seen } = await fakeStripe(() => stripeError(401, "invalid_request_error", "Invalid API Key provided: rk_test_****gerwire"));

    await expect(fetchBalanceTransactions({ apiKey: KEY, ids: [BT_ID], apiBase })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      message: "The key for this Stripe connection was refused (it is wrong, expired or revoked): reconnect Stripe with a restricted key that can read Balance transactions.",
    });
    expect(seen).toHaveLength(1); // a refused key is not retried
  });

  it("asks for read access to Balance transactions when a restricted key lacks it", async () => {
    const { apiBase } = await fakeStripe(() => stripeError(403, "invalid_request_error", "The provided key does not have the required permissions"));

    await expect(fetchBalanceTransactions({ apiKey: KEY, ids: [BT_ID], apiBase })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      message: "The restricted key for this Stripe connection was refused: give it read access to Balance transactions.",
    });
  });

  it("retries a passing Stripe outage, and reports a lasting one as retryable", async () => {
    let calls = 0;
    const flaky = await fakeStripe(() => (++calls === 1 ? stripeError(503, "api_error", "Service unavailable") : { status: 200, body: fixture("balance_transaction") }));
    expect(await fetchBalanceTransactions({ apiKey: KEY, ids: [BT_ID], apiBase: flaky.apiBase })).toHaveProperty(BT_ID);
    expect(flaky.seen).toHaveLength(2);
    await new Promise<void>((resolve) => server!.close(() => resolve()));

    // Stripe tells its clients not to retry with this header, so the test need not wait out the retries.
    const down = await fakeStripe(() => stripeError(503, "api_error", "Service unavailable", { "stripe-should-retry": "false" }));
    await expect(fetchBalanceTransactions({ apiKey: KEY, ids: [BT_ID], apiBase: down.apiBase })).rejects.toMatchObject({ code: "UNAVAILABLE" });
  });

  it("reports a balance transaction the account does not have as something to check, not to retry", async () => {
    const { apiBase } = await fakeStripe(() => stripeError(404, "invalid_request_error", "No such balance transaction: 'txn_other'"));

    await expect(fetchBalanceTransactions({ apiKey: KEY, ids: ["txn_other"], apiBase })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      message: expect.stringContaining("Stripe could not find balance transaction txn_other for this connection"),
    });
  });
});
