import { formatMinorUnits, toMinorUnits } from "../../canonical";
import { AppError } from "../../errors/app-error";
import type { ShopifyMoneyBag } from "./schemas";

// Small conversions shared by the Shopify normalisers. Every decimal enters through toMinorUnits (the one rounding
// rule); everything after that is integer arithmetic.

export function sumMinor(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** A MoneyBag in minor units of each of its two currencies. */
export type MinorBag = { shop: number; presentment: number; shopCurrency: string; presentmentCurrency: string };

export function bagToMinor(bag: ShopifyMoneyBag): MinorBag {
  const { shop_money: shop, presentment_money: presentment } = bag;
  return {
    shop: toMinorUnits(shop.amount, shop.currency_code),
    presentment: toMinorUnits(presentment.amount, presentment.currency_code),
    shopCurrency: shop.currency_code,
    presentmentCurrency: presentment.currency_code,
  };
}

/** "19.99 USD", for messages a finance person reads. */
export function money(minor: number, currency: string): string {
  return `${formatMinorUnits(minor, currency)} ${currency}`;
}

/**
 * Shopify's tax rate is a fraction (0.06); the canonical rate is a percent written as a decimal string ("6").
 * Multiplying the float by 100 would give 6.000000000000001, so the decimal point is moved in the number's
 * shortest decimal spelling instead.
 */
export function rateToPercent(rate: number): string {
  const match = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(rate));
  if (!match) throw new AppError("VALIDATION_FAILED", `The Shopify tax rate ${rate} is not a rate.`);
  const [, whole = "0", fraction = "", exponent = "0"] = match;
  const digits = whole + fraction;
  const point = whole.length + Number(exponent) + 2;
  const padded = point <= 0 ? "0".repeat(1 - point) + digits : digits.padEnd(point, "0");
  const at = Math.max(point, 1);
  return trimDecimal(padded.slice(0, at), padded.slice(at));
}

/**
 * The percent `part` is of `base`, to four decimals (half away from zero), for the few places where Shopify gives
 * a tax amount without its rate (a refunded shipping charge): the amount is what the books need; the rate only
 * labels it.
 */
export function percentOf(part: number, base: number): string {
  if (base === 0) return "0";
  const numerator = BigInt(Math.abs(part)) * 1_000_000n;
  const denominator = BigInt(Math.abs(base));
  const scaled = (numerator * 2n + denominator) / (denominator * 2n);
  const text = scaled.toString().padStart(5, "0");
  return trimDecimal(text.slice(0, -4), text.slice(-4));
}

function trimDecimal(whole: string, fraction: string): string {
  const integer = whole.replace(/^0+(?=\d)/, "");
  // The canonical decimal allows ten fraction digits; no tax authority publishes a rate finer than that.
  const decimals = fraction.slice(0, 10).replace(/0+$/, "");
  return decimals ? `${integer}.${decimals}` : integer;
}
