import { describe, expect, it } from "vitest";
import { canonicalKey } from "../../canonical";
import { AppError } from "../../errors/app-error";
import { parseShopifyJson } from "./parse-shopify-json";
import { itemsOf, lineText, orderWith, referenceOrder, single, taxText } from "./test-payloads";
import { shopifyToCanonical } from "./to-canonical";

// Scenarios start from Shopify's documentation order #1001 (3 × iPod Nano at 199.00, a 10.00 discount code spread
// 3.34/3.33/3.33 over the lines, 6 % state tax of 3.98 a line, free shipping, total 598.94 USD). Each row names the
// fields it alters. The verbatim order says `partially_refunded`, because Shopify's example was refunded after the
// fact; a real orders/create carries `paid`, so most rows set that.

const PAID = { financial_status: "paid" };
const IPOD_LINES = [
  "1 × IPod Nano - 8gb - green = 19566 [State Tax 6% 398]",
  "1 × IPod Nano - 8gb - red = 19567 [State Tax 6% 398]",
  "1 × IPod Nano - 8gb - black = 19567 [State Tax 6% 398]",
];

describe("shopifyToCanonical: paid orders become one SALE", () => {
  it.each([
    { name: "orders/create of a paid order", topic: "orders/create", body: () => orderWith(PAID), amount: 59894, lines: IPOD_LINES, orderTaxes: [] },
    { name: "orders/paid of the same order", topic: "orders/paid", body: () => orderWith(PAID), amount: 59894, lines: IPOD_LINES, orderTaxes: [] },
    {
      name: "the verbatim order (partially_refunded: it was paid) as orders/create",
      topic: "orders/create",
      body: referenceOrder,
      amount: 59894,
      lines: IPOD_LINES,
      orderTaxes: [],
    },
    {
      name: "taxes_included=true (VAT-style prices; total_price 587.00 as the tax is inside the prices)",
      topic: "orders/paid",
      body: () => orderWith({ taxes_included: true, total_price: "587.00" }),
      amount: 58700,
      lines: IPOD_LINES.map((line) => line.replace("398]", "398 included]")),
      orderTaxes: [],
    },
    {
      name: "a legacy order whose discount is not allocated to lines (discount_allocations removed)",
      topic: "orders/paid",
      body: () => orderWith({}, (order) => itemsOf(order, "line_items").forEach((item) => (item.discount_allocations = []))),
      amount: 59894,
      lines: IPOD_LINES,
      orderTaxes: [],
    },
    {
      name: "taxed shipping (shipping_lines[0] costs 10.00 + 0.60 tax; order tax_lines 12.54; total 609.54)",
      topic: "orders/paid",
      body: () =>
        orderWith({ total_price: "609.54" }, (order) => {
          Object.assign(itemsOf(order, "shipping_lines")[0]!, { price: "10.00", tax_lines: [{ title: "State Tax", price: "0.60", rate: 0.06 }] });
          Object.assign(itemsOf(order, "tax_lines")[0]!, { price: "12.54" });
        }),
      amount: 60954,
      lines: IPOD_LINES,
      orderTaxes: ["State Tax 6% 60"],
      shipping: 1000,
    },
  ])("$name", ({ topic, body, amount, lines, orderTaxes, shipping }) => {
    const sale = single(shopifyToCanonical({ topic, body: body(), shopDomain: "jsmith.myshopify.com" }), "SALE");
    expect(canonicalKey(sale)).toBe("shopify:sale:450789469");
    expect(sale).toMatchObject({ currency: "USD", amountMinor: amount, occurredAt: "2008-01-10T11:00:00-05:00" });
    expect(sale.lines.map(lineText)).toEqual(lines);
    expect(sale.taxes.map(taxText)).toEqual(orderTaxes);
    expect(sale.shippingMinor).toBe(shipping);
    expect(sale.customer).toEqual({ sourceId: "207119551", name: "Bob Norman", email: "bob.norman@mail.example.com" });
    expect(sale.tags).toEqual({ channel: "web", shop: "jsmith.myshopify.com" });
    expect(sale.lines[0]).toMatchObject({ sku: "IPOD2008GREEN", productId: "632910392", unitAmountMinor: 19900, discountMinor: 334 });
  });

  it("gives orders/create and orders/paid the same event, so the second updates the first", () => {
    const created = shopifyToCanonical({ topic: "orders/create", body: orderWith(PAID) });
    const paid = shopifyToCanonical({ topic: "orders/paid", body: orderWith(PAID) });
    expect(paid).toEqual(created);
  });

  it("books a multi-currency order in the shop currency and says what the customer paid", () => {
    const body = orderWith({ presentment_currency: "CAD" }, (order) => {
      (order.total_price_set as { presentment_money: unknown }).presentment_money = { amount: "810.00", currency_code: "CAD" };
    });
    const sale = single(shopifyToCanonical({ topic: "orders/paid", body }), "SALE");
    expect(sale).toMatchObject({ currency: "USD", amountMinor: 59894, description: "Shopify order #1001 (the customer paid 810.00 CAD)" });
    expect(sale.tags).toMatchObject({ presentmentCurrency: "CAD" });
  });

  it("keeps ids above 2^53 exact from the raw body to the canonical key", () => {
    const raw = JSON.stringify(orderWith(PAID))
      .replace('"id":450789469', '"id":12345678901234567890')
      .replaceAll('"product_id":632910392', '"product_id":98765432109876543210')
      .replace('"customer":{"id":207119551', '"customer":{"id":18446744073709551615');
    const sale = single(shopifyToCanonical({ topic: "orders/create", body: parseShopifyJson(raw) }), "SALE");
    expect(canonicalKey(sale)).toBe("shopify:sale:12345678901234567890");
    expect(sale.lines[0]!.productId).toBe("98765432109876543210");
    expect(sale.customer?.sourceId).toBe("18446744073709551615");
    // The same body through plain JSON.parse has already lost the last digits: refused rather than booked wrongly.
    expect(() => shopifyToCanonical({ topic: "orders/create", body: JSON.parse(raw) })).toThrow(/id: Expected an integer id; parse the body with parseShopifyJson/);
  });
});

describe("shopifyToCanonical: what is not booked", () => {
  it.each([
    { name: "an order still pending payment", topic: "orders/create", body: () => orderWith({ financial_status: "pending" }), reason: /#1001 is pending: it is posted when paid/ },
    { name: "an authorized, uncaptured order", topic: "orders/create", body: () => orderWith({ financial_status: "authorized" }), reason: /posted when paid/ },
    { name: "a test order", topic: "orders/paid", body: () => orderWith({ ...PAID, test: true }), reason: /#1001 is a test order/ },
    {
      name: "a cancellation (its money comes back as refunds/create)",
      topic: "orders/cancelled",
      body: () => orderWith({ cancel_reason: "customer" }),
      reason: /#1001 was cancelled \(customer\); any money returned is booked from its refunds/,
    },
    { name: "a topic Ledgerwire does not book", topic: "products/update", body: () => ({ id: 1 }), reason: /does not book the Shopify topic "products\/update"/ },
  ])("ignores $name, saying why", ({ topic, body, reason }) => {
    const result = shopifyToCanonical({ topic, body: body() });
    expect(result.events).toEqual([]);
    expect(result.ignoredBecause).toMatch(reason);
  });
});

describe("shopifyToCanonical: bodies a person must look at", () => {
  it.each([
    { name: "no body at all", topic: "orders/paid", body: () => null, message: /The Shopify orders\/paid webhook cannot be booked: the body: / },
    {
      name: "a line without its price",
      topic: "orders/create",
      body: () => orderWith(PAID, (order) => delete itemsOf(order, "line_items")[1]!.price),
      message: /orders\/create webhook cannot be booked: line_items\.1\.price is missing/,
    },
    {
      name: "a price sent as a float",
      topic: "orders/paid",
      body: () => orderWith({ total_price: 598.94 }),
      message: /total_price: Expected a decimal amount written as a string/,
    },
    { name: "an order without lines", topic: "orders/paid", body: () => orderWith({ line_items: [] }), message: /line_items: Too small/ },
    { name: "a refund without its order", topic: "refunds/create", body: () => ({ id: 1, created_at: "2025-07-02T11:29:59-05:00" }), message: /refunds\/create webhook cannot be booked: order_id is missing/ },
    {
      name: "an order that does not add up (total_price 600.00)",
      topic: "orders/paid",
      body: () => orderWith({ total_price: "600.00" }),
      message:
        "Shopify order #1001 does not add up: lines 587.00 USD + shipping 0.00 USD + taxes 11.94 USD = 598.94 USD, but Shopify's total is 600.00 USD (1.06 USD apart). Check the order in Shopify before it is posted.",
    },
  ])("refuses $name with a readable reason", ({ topic, body, message }) => {
    const run = () => shopifyToCanonical({ topic, body: body() });
    expect(run).toThrow(AppError);
    expect(run).toThrow(message);
    try {
      run();
    } catch (error) {
      expect((error as AppError).code).toBe("VALIDATION_FAILED");
    }
  });
});
