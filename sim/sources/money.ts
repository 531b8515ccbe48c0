// Money in the demo source is integer minor units (cents), never floats. Every rounding in it is this one rule:
// half away from zero, done on integers so no binary fraction can tip a result.

/** n / d rounded half away from zero, for an integer n and a positive integer d. Exact below 2^53. */
export function roundDiv(n: number, d: number): number {
  const magnitude = Math.abs(n);
  const remainder = magnitude % d;
  const quotient = (magnitude - remainder) / d + (2 * remainder >= d ? 1 : 0);
  return n < 0 ? -quotient : quotient;
}

/** Exchange rates and tax rates are held as integer parts per million (1.084213 -> 1_084_213). */
export const PER_MILLION = 1_000_000;

/** amount × rate, in the same rounding rule. */
export function applyRate(amountMinor: number, ratePerMillion: number): number {
  return roundDiv(amountMinor * ratePerMillion, PER_MILLION);
}

/** The rate as the JSON number Stripe and Shopify print (0.0725, 1.084213). */
export function rateNumber(ratePerMillion: number): number {
  return ratePerMillion / PER_MILLION;
}

/**
 * Stripe's standard US card pricing, 2.9 % + 30 cents, on the amount that reached the balance (after any
 * conversion), rounded half away from zero. Real accounts add 1 % for conversion and 1.5 % for international
 * cards; the demo keeps one rule so a reader can check every fee by hand.
 */
export function stripeFee(settledMinor: number): number {
  return roundDiv(settledMinor * 29, 1000) + 30;
}

/** Minor units as the decimal string Shopify writes ("1234" -> "12.34"), for two-decimal currencies. */
export function decimal(minor: number): string {
  const sign = minor < 0 ? "-" : "";
  const digits = String(Math.abs(minor)).padStart(3, "0");
  return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}
