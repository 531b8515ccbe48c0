import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStripeApi, type StripeApi } from "./stripe-api";
import { StripeEventGenerator } from "./stripe-events";

// The app fetches fees with the official `stripe` client; it must work against the stand-in unchanged,
// including its error classes, which the app classifies failures by.

const KEY = "rk_test_demo_source_api_key";
const BALANCE_ONLY = "rk_test_balance_only_key";
const generator = new StripeEventGenerator({ seed: "api", eventsPerDay: 8 });
const events = Array.from({ length: 120 }, () => generator.next());
let api: StripeApi;

const client = (key = KEY) => new Stripe(key, { host: "localhost", port: api.port, protocol: "http", maxNetworkRetries: 0 });

beforeAll(async () => {
  api = await startStripeApi({ ledger: generator.ledger, apiKey: KEY, restrictedKeys: [{ key: BALANCE_ONLY, allows: ["balance"] }] });
});
afterAll(() => api.stop());

describe("the Stripe API stand-in", () => {
  it("serves the balance transaction a charge names, through the official client", async () => {
    const charge = events.find((e) => e.type === "charge.succeeded")!.data.object as Stripe.Charge;
    const bt = await client().balanceTransactions.retrieve(charge.balance_transaction as string);
    expect(bt).toMatchObject({ id: charge.balance_transaction, object: "balance_transaction", source: charge.id, currency: "usd" });
    expect(bt.net).toBe(bt.amount - bt.fee);
    expect(bt.lastResponse.requestId).toMatch(/^req_/);
  });

  it("lists a payout's balance transactions across pages, adding up to the payout", async () => {
    const payout = events.find((e) => e.type === "payout.paid")!.data.object as Stripe.Payout;
    const listed: Stripe.BalanceTransaction[] = [];
    for await (const bt of client().balanceTransactions.list({ payout: payout.id, limit: 2 })) listed.push(bt);
    expect(listed.map((bt) => bt.id).sort()).toEqual(generator.ledger.listPayout(payout.id)!.map((bt) => bt.id).sort());
    expect(listed.filter((bt) => bt.type !== "payout").reduce((sum, bt) => sum + bt.net, 0)).toBe(payout.amount);
    const page = await client().balanceTransactions.list({ payout: payout.id, limit: 100 });
    expect(page).toMatchObject({ object: "list", has_more: false, url: "/v1/balance_transactions" });
  });

  it("answers an unknown id with Stripe's 404 resource_missing error", async () => {
    const error = await client().balanceTransactions.retrieve("txn_doesnotexist").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({ statusCode: 404, code: "resource_missing", type: "StripeInvalidRequestError" });
    const payoutError = await client().balanceTransactions.list({ payout: "po_doesnotexist" }).catch((e: unknown) => e);
    expect(payoutError).toMatchObject({ statusCode: 404, code: "resource_missing", param: "payout" });
  });

  it("refuses any key but the configured restricted key with 401", async () => {
    const id = generator.ledger.list()[0]!.id;
    const error = await client("rk_test_someone_elses_key").balanceTransactions.retrieve(id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect(error).toMatchObject({ statusCode: 401 });
    const bare = await fetch(`${api.url}/v1/balance_transactions/${id}`);
    expect(bare.status).toBe(401);
    expect(await bare.json()).toMatchObject({ error: { type: "invalid_request_error" } });
  });

  it("lists tax rates (none in the demo), and refuses a restricted key without the permission with 403", async () => {
    expect(await client().taxRates.list({ limit: 1 })).toMatchObject({ object: "list", data: [], has_more: false, url: "/v1/tax_rates" });
    const missing = await client().taxRates.retrieve("txr_doesnotexist").catch((e: unknown) => e);
    expect(missing).toMatchObject({ statusCode: 404, code: "resource_missing" });

    expect(await client(BALANCE_ONLY).balanceTransactions.list({ limit: 1 })).toMatchObject({ object: "list" });
    const refused = await client(BALANCE_ONLY).taxRates.list({ limit: 1 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Stripe.errors.StripePermissionError);
    expect(refused).toMatchObject({ statusCode: 403 });
    expect((refused as Error).message).toContain("rak_tax_rates_read");
    expect((refused as Error).message).not.toContain(BALANCE_ONLY);
  });
});
