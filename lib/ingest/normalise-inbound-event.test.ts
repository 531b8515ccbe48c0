// From a signed webhook (real route handlers, real Postgres) to canonical events, with Stripe's API answered by
// a local HTTP server serving Stripe's own fixture balance transaction: the boundary is the only stand-in.
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { itemsOf, orderWith, referenceRefund } from "@/lib/sources/shopify/test-payloads";
import { fixture, stripeEvent } from "@/lib/sources/stripe/test-kit";
import { createWorkspaceWith } from "@/test/fixtures";
import { createTestSource, deliver, shopifyRequest, stripeRequest, stripeSignature } from "@/test/webhooks";
import { hmacSha256Base64 } from "@/lib/crypto";
import { normaliseInboundEvent } from "./normalise-inbound-event";
import { replayInboundEvents } from "./replay-inbound-events";

const RESTRICTED_KEY = "rk_test_ledgerwire_normalise";
let server: Server;
let stripeApiBase = "";
const seenAuth: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seenAuth.push(req.headers.authorization ?? "");
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const id = path.split("/").pop() ?? "";
    // Stripe's fixture objects under the id asked for: a tax rate, or a balance transaction of a 20.00 charge.
    const found = path.startsWith("/v1/tax_rates/")
      ? { ...fixture("tax_rate"), id }
      : { ...fixture("balance_transaction"), id, amount: 2000, fee: 88, net: 1912, currency: "usd" };
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(found));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  stripeApiBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function workspaceWithSources() {
  const { workspace } = await createWorkspaceWith(["OWNER"]);
  const stripe = await createTestSource(workspace.id, "STRIPE", { apiKey: RESTRICTED_KEY });
  const shopify = await createTestSource(workspace.id, "SHOPIFY", { externalAccountId: "ledgerwire-test.myshopify.com" });
  return { workspaceId: workspace.id, stripe, shopify };
}

async function sendStripe(source: Awaited<ReturnType<typeof createTestSource>>, event: object) {
  const body = JSON.stringify({ ...event, id: `evt_${randomUUID().replace(/-/g, "")}` });
  const response = await deliver.stripe(stripeRequest(source.connection.id, body, stripeSignature(body, source.webhookSecret)), source.connection.id);
  expect(response.status).toBe(200);
}

async function sendShopify(source: Awaited<ReturnType<typeof createTestSource>>, topic: string, order: object) {
  const body = JSON.stringify(order);
  const request = shopifyRequest(source.connection.id, body, hmacSha256Base64(source.webhookSecret, Buffer.from(body)), { topic, shop: "ledgerwire-test.myshopify.com" });
  expect((await deliver.shopify(request, source.connection.id)).status).toBe(200);
}

async function normaliseAll(workspaceId: string) {
  const events = await db.inboundEvent.findMany({ where: { workspaceId }, orderBy: { receivedAt: "asc" } });
  return Promise.all(events.map((e) => normaliseInboundEvent({ workspaceId, inboundEventId: e.id }, { stripeApiBase })));
}

describe("normalising stored events", () => {
  it("books a Stripe charge as a sale with the fee read from its balance transaction, through the connection's key", async () => {
    const { workspaceId, stripe } = await workspaceWithSources();
    // The fixture charge is an uncaptured authorisation; captured here, as charge.succeeded delivers a card sale.
    const charge = { ...fixture("charge"), id: `ch_${randomUUID().slice(0, 8)}`, amount: 2000, amount_captured: 2000, captured: true, currency: "usd", balance_transaction: "txn_fee_lookup", invoice: null };
    await sendStripe(stripe, stripeEvent("charge.succeeded", charge));
    const [result] = await normaliseAll(workspaceId);
    expect(result).toMatchObject({ status: "NORMALISED", created: 1 });
    expect(seenAuth).toContain(`Bearer ${RESTRICTED_KEY}`);

    const [sale] = await db.canonicalEvent.findMany({ where: { workspaceId } });
    expect(sale).toMatchObject({ kind: "SALE", amountMinor: 2000n, currency: "USD", idempotencyKey: `stripe:sale:${charge.id}`, status: "PENDING" });
    expect(sale!.data).toMatchObject({ feeMinor: 88 });
    expect(await db.inboundEvent.findFirst({ where: { workspaceId } })).toMatchObject({ status: "NORMALISED" });
  });

  it("books a taxed Stripe invoice with its tax lines, fetching the tax rate it names by id through the connection's key", async () => {
    const { workspaceId, stripe } = await workspaceWithSources();
    // Changed: the fixture invoice, finalised, with 16 % VAT (Stripe's documented example rate) on its 10.00 line,
    // named by id as API versions since 2025-03-31.basil do; totals raised by the 1.60 of tax.
    const rateId = `txr_${randomUUID().replace(/-/g, "").slice(0, 14)}`;
    const tax = { amount: 160, tax_behavior: "exclusive", tax_rate_details: { tax_rate: rateId }, taxability_reason: "standard_rated", taxable_amount: 1000, type: "tax_rate_details" };
    const invoice = fixture("invoice");
    const taxed = {
      ...invoice,
      status: "open",
      total: 1160,
      amount_due: 1160,
      amount_remaining: 1160,
      total_taxes: [tax],
      lines: { ...invoice.lines, data: [{ ...invoice.lines.data[0]!, taxes: [tax] }] },
    };
    await sendStripe(stripe, stripeEvent("invoice.finalized", taxed));
    const [result] = await normaliseAll(workspaceId);

    expect(result).toMatchObject({ status: "NORMALISED", created: 1 });
    const [booked] = await db.canonicalEvent.findMany({ where: { workspaceId } });
    expect(booked).toMatchObject({ kind: "INVOICE_ISSUED", amountMinor: 1160n });
    expect(booked!.data).toMatchObject({ lines: [{ amountMinor: 1000, taxes: [{ name: "VAT", ratePercent: "16", jurisdiction: "DE", amountMinor: 160, inclusive: false }] }] });
  });

  it("opens an exception, not a booking, for a Stripe invoice whose lines do not give its total", async () => {
    const { workspaceId, stripe } = await workspaceWithSources();
    // Changed: the fixture invoice, finalised, with its line raised to 12.00 while its subtotal and total stay 10.00.
    const invoice = fixture("invoice");
    const inconsistent = { ...invoice, status: "open", lines: { ...invoice.lines, data: [{ ...invoice.lines.data[0]!, amount: 1200 }] } };
    await sendStripe(stripe, stripeEvent("invoice.finalized", inconsistent));
    const [result] = await normaliseAll(workspaceId);

    expect(result).toMatchObject({ status: "FAILED" });
    expect(await db.canonicalEvent.count({ where: { workspaceId } })).toBe(0);
    const exception = await db.syncException.findFirstOrThrow({ where: { workspaceId } });
    expect(exception).toMatchObject({ code: "EVENT_NOT_UNDERSTOOD", status: "OPEN" });
    expect(exception.message).toMatch(/does not add up: its lines come to 12\.00 USD before discounts, but Stripe's subtotal is 10\.00 USD/);
  });

  it("collapses orders/create and orders/paid of one Shopify order onto one sale", async () => {
    const { workspaceId, shopify } = await workspaceWithSources();
    const order = orderWith({ financial_status: "paid" });
    await sendShopify(shopify, "orders/create", order);
    await sendShopify(shopify, "orders/paid", order);
    const results = await normaliseAll(workspaceId);
    expect(results.map((r) => r.status)).toEqual(["NORMALISED", "NORMALISED"]);
    const sales = await db.canonicalEvent.findMany({ where: { workspaceId } });
    expect(sales).toHaveLength(1);
    expect(sales[0]!.idempotencyKey).toBe(`shopify:sale:${(order as { id: string | number }).id}`);
  });

  it("ignores event types that book nothing, with the reason", async () => {
    const { workspaceId, stripe } = await workspaceWithSources();
    await sendStripe(stripe, stripeEvent("charge.updated", fixture("charge")));
    const [result] = await normaliseAll(workspaceId);
    expect(result).toMatchObject({ status: "IGNORED" });
    expect((await db.inboundEvent.findFirstOrThrow({ where: { workspaceId } })).error).toBeTruthy();
    expect(await db.canonicalEvent.count({ where: { workspaceId } })).toBe(0);
  });

  it("turns a payload it cannot understand into an exception a person can act on, not a retry loop", async () => {
    const { workspaceId, shopify } = await workspaceWithSources();
    await sendShopify(shopify, "orders/paid", orderWith({ financial_status: "paid", total_price: "1.00" }));
    const [result] = await normaliseAll(workspaceId);
    expect(result).toMatchObject({ status: "FAILED" });
    const exception = await db.syncException.findFirstOrThrow({ where: { workspaceId } });
    expect(exception).toMatchObject({ code: "EVENT_NOT_UNDERSTOOD", status: "OPEN" });
    expect(exception.message).toMatch(/does not add up|total/i);
    // Running it again (a replay) keeps one exception, not two.
    await normaliseAll(workspaceId);
    expect(await db.syncException.count({ where: { workspaceId } })).toBe(1);
  });

  it("re-derives the same canonical events on replay, creating nothing twice", async () => {
    const { workspaceId, stripe, shopify } = await workspaceWithSources();
    const charge = { ...fixture("charge"), id: `ch_${randomUUID().slice(0, 8)}`, amount_captured: 100, captured: true, balance_transaction: "txn_replay", invoice: null };
    await sendStripe(stripe, stripeEvent("charge.succeeded", charge));
    await sendShopify(shopify, "orders/paid", orderWith({ financial_status: "paid" }));
    await normaliseAll(workspaceId);
    const before = await db.canonicalEvent.findMany({ where: { workspaceId }, orderBy: { idempotencyKey: "asc" } });
    expect(before).toHaveLength(2);

    const report = await replayInboundEvents({ workspaceId, stripeApiBase });
    expect(report).toMatchObject({ events: 2, created: 0, updated: 0, unchanged: 2, failed: 0 });
    const after = await db.canonicalEvent.findMany({ where: { workspaceId }, orderBy: { idempotencyKey: "asc" } });
    expect(after.map((e) => [e.id, e.idempotencyKey, e.amountMinor])).toEqual(before.map((e) => [e.id, e.idempotencyKey, e.amountMinor]));
  });

  it.each([
    { taxesIncluded: false, order: { financial_status: "paid" }, status: "FAILED" },
    // Changed for this row: VAT-style prices, so the total is 587.00 with the tax inside the lines.
    { taxesIncluded: true, order: { financial_status: "paid", taxes_included: true, total_price: "587.00" }, status: "NORMALISED" },
  ])("reads a Shopify refund of 195.66 by its order's taxes_included ($taxesIncluded), not by which reading adds up", async ({ taxesIncluded, order, status }) => {
    const { workspaceId, shopify } = await workspaceWithSources();
    await sendShopify(shopify, "orders/paid", orderWith(order));
    await normaliseAll(workspaceId);
    // The reference refund giving back only the black iPod (195.66, of which 3.98 is tax when prices include it),
    // with 195.66 paid back: right for tax-inclusive prices, 3.98 short for exclusive ones.
    const refund = referenceRefund();
    refund.refund_line_items = itemsOf(refund, "refund_line_items").slice(0, 1);
    itemsOf(refund, "transactions")[0]!.amount = "195.66";
    await sendShopify(shopify, "refunds/create", refund);
    const inbound = await db.inboundEvent.findFirstOrThrow({ where: { workspaceId, eventType: "refunds/create" } });

    expect(await normaliseInboundEvent({ workspaceId, inboundEventId: inbound.id })).toMatchObject({ status });
    if (taxesIncluded) {
      const booked = await db.canonicalEvent.findFirstOrThrow({ where: { workspaceId, kind: "REFUND" } });
      expect(booked).toMatchObject({ amountMinor: 19566n });
      expect(booked.data).toMatchObject({ lines: [{ amountMinor: 19566, taxes: [{ amountMinor: 398, inclusive: true }] }] });
    } else {
      expect(await db.canonicalEvent.count({ where: { workspaceId, kind: "REFUND" } })).toBe(0);
      const exception = await db.syncException.findFirstOrThrow({ where: { workspaceId } });
      expect(exception.message).toMatch(/does not add up: .* plus 3\.98 USD tax \(the order's prices exclude tax\)/);
    }
  });
});
