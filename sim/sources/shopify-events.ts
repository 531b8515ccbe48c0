import { createHmac } from "node:crypto";
import { writeJson } from "./json-writer";
import { createRandom, type Random } from "./random";
import { orderJson, priceOrder, type Address, type Jurisdiction, type OrderSpec, type PricedOrder, type Product } from "./shopify-order";
import { refundJson } from "./shopify-refund";

// A deterministic stream of Shopify webhook notifications from a small US outdoor shop: `orders/paid` (a few
// lines, sometimes a discount code, shipping, state and city taxes on top of prices) and `refunds/create` (one
// unit of one line returned, with its tax). Ids are 64-bit integers as Shopify writes them; shipping lines and
// refund line items get ids beyond 2^53, written as bare digits (json-writer.ts).

export type ShopifyTopic = "orders/paid" | "refunds/create";

export type ShopifyNotification = {
  topic: ShopifyTopic;
  /** X-Shopify-Webhook-Id: one per notification, the same on every retry of it. */
  webhookId: string;
  eventId: string;
  triggeredAt: string;
  shopDomain: string;
  /** The raw JSON body exactly as sent and signed. */
  body: string;
};

export type ShopifyGeneratorOptions = { seed: number | string; shopDomain: string; start?: number; eventsPerDay?: number };

export const SHOPIFY_API_VERSION = "2026-01";
const DEFAULT_START = Date.UTC(2026, 0, 5) / 1000;
const BIG_ID_BASE = 9_100_000_000_000_000_000n; // 19 digits: far beyond 2^53, still a signed 64-bit integer

const CATALOGUE: Product[] = [
  ["Trail tent 2P", "Sage", "TENT-2P-SAGE", 24900, 2100],
  ["Down jacket", "Medium / Black", "DJ-M-BLK", 18999, 600],
  ["Hiking boots", "US 9", "HB-09", 14500, 1300],
  ["Camp stove", "Default Title", "STOVE-1", 5900, 450],
  ["Headlamp 400", "Default Title", "HL-400", 3499, 90],
  ["Merino socks", "Large", "SOCK-L", 1895, 80],
  ["Daypack 24L", "Slate", "DP24-SLT", 8900, 700],
].map(([title, variantTitle, sku, priceMinor, grams], i) => ({
  productId: 8_012_345_670_000 + i * 17,
  variantId: 45_123_456_780_000 + i * 29,
  title: String(title),
  variantTitle: String(variantTitle),
  sku: String(sku),
  priceMinor: Number(priceMinor),
  grams: Number(grams),
}));

const PLACES: { address: Omit<Address, "firstName" | "lastName">; jurisdiction: Jurisdiction }[] = [
  { address: { address1: "350 5th Ave", city: "New York", zip: "10118", province: "New York", provinceCode: "NY" },
    jurisdiction: { taxes: [{ title: "NY State Tax", ratePerMillion: 40_000 }, { title: "New York City Tax", ratePerMillion: 45_000 }], taxesShipping: true } },
  { address: { address1: "200 N Spring St", city: "Los Angeles", zip: "90012", province: "California", provinceCode: "CA" },
    jurisdiction: { taxes: [{ title: "CA State Tax", ratePerMillion: 60_000 }, { title: "Los Angeles County Tax", ratePerMillion: 35_000 }], taxesShipping: false } },
  { address: { address1: "1100 Congress Ave", city: "Austin", zip: "78701", province: "Texas", provinceCode: "TX" },
    jurisdiction: { taxes: [{ title: "TX State Tax", ratePerMillion: 62_500 }, { title: "Austin City Tax", ratePerMillion: 20_000 }], taxesShipping: true } },
  { address: { address1: "92 Chestnut Street", city: "Louisville", zip: "40202", province: "Kentucky", provinceCode: "KY" },
    jurisdiction: { taxes: [{ title: "KY State Tax", ratePerMillion: 60_000 }], taxesShipping: true } },
  { address: { address1: "1221 SW 4th Ave", city: "Portland", zip: "97204", province: "Oregon", provinceCode: "OR" },
    jurisdiction: { taxes: [], taxesShipping: false } }, // Oregon has no sales tax
];
const FIRST = ["Avery", "Blake", "Camila", "Diego", "Emma", "Farah", "Gus", "Hana", "Ivan", "Jade"];
const LAST = ["Nguyen", "Olsen", "Price", "Quinn", "Reyes", "Silva", "Tanaka", "Usman", "Vance", "Wright"];
const DISCOUNTS = [{ code: "WELCOME10", ratePerMillion: 100_000 }, { code: "TRAIL15", ratePerMillion: 150_000 }];
const NOTES = ["Customer return", "Damaged in transit", "Wrong size"];

type Placed = { order: PricedOrder; saleTransactionId: number; refunded: boolean };

export class ShopifyEventGenerator {
  private readonly random: Random;
  private readonly shopDomain: string;
  private readonly start: number;
  private readonly stepSeconds: number;
  private readonly orders: Placed[] = [];
  private steps = 0;

  constructor(options: ShopifyGeneratorOptions) {
    this.random = createRandom(`shopify:${options.seed}`);
    this.shopDomain = options.shopDomain;
    this.start = options.start ?? DEFAULT_START;
    this.stepSeconds = Math.floor(86_400 / Math.max(1, Math.floor(options.eventsPerDay ?? 24)));
  }

  next(): ShopifyNotification {
    const step = this.steps++;
    const now = this.start + step * this.stepSeconds + this.random.int(0, this.stepSeconds - 1);
    const refundable = this.orders.slice(-30).filter((o) => !o.refunded);
    if (refundable.length > 0 && this.random.chance(0.15)) return this.refund(this.random.pick(refundable), now, step);
    return this.orderPaid(now, step);
  }

  private orderPaid(now: number, n: number): ShopifyNotification {
    const place = this.random.pick(PLACES);
    const firstName = this.random.pick(FIRST);
    const lastName = this.random.pick(LAST);
    const products = this.random.sample(CATALOGUE, this.random.int(1, 3));
    const spec: OrderSpec = {
      ...this.baseSpec(now, n, firstName, lastName, place),
      lines: products.map((product, i) => ({ id: 14_500_000_000_000 + n * 10 + i, product, quantity: this.random.pick([1, 1, 1, 2, 3]) })),
      discount: this.random.chance(0.25) ? this.random.pick(DISCOUNTS) : null,
      shipping: { id: this.bigId(n), title: "Free Shipping", priceMinor: 0 },
    };
    // Free shipping from $100 after discounts, as many shops do.
    if (priceOrder(spec).totals.subtotal < 10_000) {
      spec.shipping = { ...spec.shipping, ...this.random.pick([{ title: "Standard", priceMinor: 795 }, { title: "Express", priceMinor: 1495 }]) };
    }
    const order = priceOrder(spec);
    this.orders.push({ order, saleTransactionId: 6_800_000_000_000 + n * 10, refunded: false });
    if (this.orders.length > 200) this.orders.shift();
    return this.notification("orders/paid", writeJson(orderJson(order, this.shopDomain)), now);
  }

  private refund(placed: Placed, now: number, n: number): ShopifyNotification {
    placed.refunded = true;
    const body = refundJson({
      id: 980_000_000_000 + n * 10,
      order: placed.order,
      lineIndex: this.random.int(0, placed.order.lines.length - 1),
      quantity: 1,
      createdAt: now,
      refundLineItemId: this.bigId(n),
      transactionId: 6_800_000_000_000 + n * 10 + 1,
      parentTransactionId: placed.saleTransactionId,
      locationId: 71_234_567_890,
      note: this.random.pick(NOTES),
    });
    return this.notification("refunds/create", writeJson(body), now);
  }

  private baseSpec(now: number, n: number, firstName: string, lastName: string, place: (typeof PLACES)[number]): Omit<OrderSpec, "lines" | "discount" | "shipping"> {
    const email = `${firstName}.${lastName}@example.com`.toLowerCase();
    return {
      id: 5_900_000_000_000 + n * 10,
      number: 1001 + n,
      createdAt: now,
      token: this.tokenFor(n),
      checkoutId: 36_000_000_000_000 + n * 10,
      customer: { id: 7_400_000_000_000 + (FIRST.indexOf(firstName) * 10 + LAST.indexOf(lastName)), email, createdAt: this.start - 86_400 },
      address: { ...place.address, firstName, lastName },
      jurisdiction: place.jurisdiction,
    };
  }

  /** Stable per order number, whatever else the stream draws. */
  private tokenFor(n: number): string {
    return createRandom(`token:${n}:${this.shopDomain}`).chars(32, "0123456789abcdef");
  }

  private bigId(n: number): bigint {
    return BIG_ID_BASE + BigInt(n) * 1_000_000n + BigInt(this.random.int(0, 999_999));
  }

  private notification(topic: ShopifyTopic, body: string, now: number): ShopifyNotification {
    const triggeredAt = new Date(now * 1000 + this.random.int(200, 3000)).toISOString();
    return { topic, webhookId: this.random.uuid(), eventId: this.random.uuid(), triggeredAt, shopDomain: this.shopDomain, body };
  }
}

/** base64(HMAC-SHA256(secret, raw body bytes)), as in X-Shopify-Hmac-Sha256. */
export function shopifyHmac(body: string | Uint8Array, secret: string): string {
  return createHmac("sha256", secret).update(body).digest("base64");
}

/** The headers Shopify sends with a notification, signed with the app's secret. */
export function shopifyHeaders(notification: ShopifyNotification, secret: string): Record<string, string> {
  return {
    "Content-Type": "application/json",
    "X-Shopify-Topic": notification.topic,
    "X-Shopify-Webhook-Id": notification.webhookId,
    "X-Shopify-Event-Id": notification.eventId,
    "X-Shopify-Shop-Domain": notification.shopDomain,
    "X-Shopify-Triggered-At": notification.triggeredAt,
    "X-Shopify-API-Version": SHOPIFY_API_VERSION,
    "X-Shopify-Hmac-Sha256": shopifyHmac(notification.body, secret),
  };
}
