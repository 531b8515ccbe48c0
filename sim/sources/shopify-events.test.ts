import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ShopifyEventGenerator, shopifyHeaders, type ShopifyNotification } from "./shopify-events";

const SHOP = "acme-outdoor-test.myshopify.com";
const FIXTURE = path.resolve(import.meta.dirname, "../../test/payloads/shopify/orders_create_payload_from_rest_order_450789469.json");

function take(count: number, seed: number | string = 5): ShopifyNotification[] {
  const generator = new ShopifyEventGenerator({ seed, shopDomain: SHOP });
  return Array.from({ length: count }, () => generator.next());
}

/** "12.34" -> 1234, exactly. */
const cents = (amount: unknown): number => {
  const match = /^(-?)(\d+)\.(\d{2})$/.exec(String(amount));
  if (!match) throw new Error(`not a two-decimal amount: ${String(amount)}`);
  return (match[1] ? -1 : 1) * (Number(match[2]) * 100 + Number(match[3]));
};
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
type Tax = { price: string };
type Line = { price: string; quantity: number; tax_lines: Tax[]; discount_allocations: { amount: string }[] };

describe("the Shopify event generator", () => {
  it("yields the same notifications for the same seed, and others for another seed", () => {
    const a = JSON.stringify(take(200, "same"));
    expect(JSON.stringify(take(200, "same"))).toBe(a);
    expect(JSON.stringify(take(200, "other"))).not.toBe(a);
  });

  it("sends orders/paid and refunds/create, with every field of Shopify's documented order", () => {
    const notifications = take(200);
    expect(new Set(notifications.map((n) => n.topic))).toEqual(new Set(["orders/paid", "refunds/create"]));
    const order = JSON.parse(notifications.find((n) => n.topic === "orders/paid")!.body) as Record<string, unknown>;
    const fixture = JSON.parse(readFileSync(FIXTURE, "utf8")) as Record<string, unknown>;
    expect(Object.keys(order)).toEqual(expect.arrayContaining(Object.keys(fixture)));
  });

  it("makes every order add up to the cent: line items - discounts + shipping + taxes = total_price", () => {
    const orders = take(300).filter((n) => n.topic === "orders/paid").map((n) => JSON.parse(n.body));
    expect(orders.some((o) => o.discount_codes.length > 0)).toBe(true);
    expect(orders.some((o) => o.tax_lines.length === 0)).toBe(true); // Oregon
    for (const o of orders) {
      const lines = o.line_items as Line[];
      const shipping = o.shipping_lines as { price: string; tax_lines: Tax[] }[];
      const lineTaxes = lines.flatMap((l) => l.tax_lines.map((t) => cents(t.price)));
      const shippingTaxes = shipping.flatMap((s) => s.tax_lines.map((t) => cents(t.price)));
      const discounts = sum(lines.flatMap((l) => l.discount_allocations.map((d) => cents(d.amount))));
      expect(o.taxes_included).toBe(false);
      expect(sum(lines.map((l) => cents(l.price) * l.quantity))).toBe(cents(o.total_line_items_price));
      expect(discounts).toBe(cents(o.total_discounts));
      expect(cents(o.total_line_items_price) - cents(o.total_discounts)).toBe(cents(o.subtotal_price));
      expect(sum([...lineTaxes, ...shippingTaxes])).toBe(cents(o.total_tax));
      expect(sum((o.tax_lines as Tax[]).map((t) => cents(t.price)))).toBe(cents(o.total_tax));
      expect(cents(o.total_line_items_price) - discounts + sum(shipping.map((s) => cents(s.price))) + cents(o.total_tax)).toBe(cents(o.total_price));
      expect(o.total_price_set.shop_money.amount).toBe(o.total_price);
    }
  });

  it("refunds one unit of a line with its tax, and the refund transaction moves exactly that", () => {
    const refunds = take(300).filter((n) => n.topic === "refunds/create").map((n) => JSON.parse(n.body));
    expect(refunds.length).toBeGreaterThan(10);
    for (const r of refunds) {
      const [item] = r.refund_line_items;
      expect(r.transactions).toHaveLength(1);
      expect(r.transactions[0]).toMatchObject({ kind: "refund", status: "success", currency: "USD" });
      expect(cents(item.subtotal_set.shop_money.amount) + cents(item.total_tax_set.shop_money.amount)).toBe(cents(r.transactions[0].amount));
      expect(item.line_item_id).toBe(item.line_item.id);
    }
  });

  it("writes ids beyond 2^53 as bare JSON integers with every digit exact", () => {
    const notifications = take(100);
    const bigIds = notifications.flatMap((n) => [...n.body.matchAll(/"(?:shipping_lines":\[\{"id|refund_line_items":\[\{"id)":(\d+)/g)].map((m) => m[1]!));
    expect(bigIds.length).toBe(notifications.length);
    for (const digits of bigIds) {
      expect(BigInt(digits) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
      expect(String(JSON.parse(digits))).not.toBe(digits); // what a naive JSON.parse would do to them
    }
    expect(new Set(bigIds).size).toBe(bigIds.length);
  });

  it("signs the raw bytes and sends Shopify's headers, the webhook id stable per notification", () => {
    const [notification] = take(1);
    const headers = shopifyHeaders(notification!, "shpss_test_secret");
    const expected = createHmac("sha256", "shpss_test_secret").update(Buffer.from(notification!.body, "utf8")).digest("base64");
    expect(headers).toMatchObject({
      "X-Shopify-Topic": "orders/paid",
      "X-Shopify-Shop-Domain": SHOP,
      "X-Shopify-Hmac-Sha256": expected,
      "X-Shopify-Webhook-Id": notification!.webhookId,
    });
    expect(headers["X-Shopify-Webhook-Id"]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Date(headers["X-Shopify-Triggered-At"]!).toISOString()).toBe(headers["X-Shopify-Triggered-At"]);
    expect(shopifyHeaders(notification!, "shpss_test_secret")).toEqual(headers); // a retry is the same request
  });
});
