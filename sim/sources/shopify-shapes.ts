import type { JsonValue } from "./json-writer";
import { decimal, rateNumber } from "./money";

// Small pieces every Shopify payload repeats: MoneyBags, tax lines, timestamps and ids.

export type Json = { [key: string]: JsonValue | undefined };

/** A Shopify id: a JavaScript number while it is safe, a bigint beyond 2^53 (written as bare digits). */
export type ShopifyId = number | bigint;

/** One tax on a line or on shipping, already computed in cents. */
export type TaxAmount = { title: string; ratePerMillion: number; amountMinor: number };

/** The demo shop sells in USD only, so shop and presentment money are the same. */
export function moneyBag(minor: number): Json {
  const entry = { amount: decimal(minor), currency_code: "USD" };
  return { shop_money: entry, presentment_money: { ...entry } };
}

export function taxLineJson(tax: TaxAmount): Json {
  return { channel_liable: false, price: decimal(tax.amountMinor), price_set: moneyBag(tax.amountMinor), rate: rateNumber(tax.ratePerMillion), title: tax.title };
}

/**
 * Shopify writes times in the shop's zone with its offset. The demo shop is in New York and keeps -05:00 all
 * year: it has no daylight saving, which keeps timestamps a pure function of the simulated clock.
 */
export function shopTime(unixSeconds: number): string {
  return `${new Date((unixSeconds - 5 * 3600) * 1000).toISOString().slice(0, 19)}-05:00`;
}

export function gid(type: string, id: ShopifyId): string {
  return `gid://shopify/${type}/${id.toString()}`;
}
