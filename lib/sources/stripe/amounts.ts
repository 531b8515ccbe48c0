import { currencyExponent, toMinorUnits } from "../../canonical";

// Stripe amounts are integers in what Stripe calls a currency's smallest unit. For almost every currency that is
// ISO 4217's minor unit, which is what canonical amounts count (USD 1999 = 19.99, JPY 1000 = 1000 yen, KWD in
// fils), so amounts pass through unchanged. Stripe's documented special cases that differ from ISO:
//  - ISK and UGX are zero-decimal in ISO, but Stripe keeps them two-decimal for backwards compatibility: an ISK
//    amount of 500 means 5 krónur (and since 2023 must be a multiple of 100).
//  - MGA is two-decimal in ISO, but Stripe treats it as zero-decimal: 500 means 500 ariary.
// HUF and TWD are the other special cases Stripe lists, but only for payouts (whole units only); their amounts are
// two-decimal in Stripe and in ISO alike, so they pass through.
const STRIPE_EXPONENT_DIFFERS: Record<string, number> = { ISK: 2, UGX: 2, MGA: 0 };

/** Stripe sends "usd"; the canonical event wants "USD". */
export function currencyCode(stripeCurrency: string): string {
  return stripeCurrency.toUpperCase();
}

/** Converts a Stripe amount in `stripeCurrency` to canonical minor units of the same currency. */
export function minorUnits(amount: number, stripeCurrency: string): number {
  const currency = currencyCode(stripeCurrency);
  const stripeExponent = STRIPE_EXPONENT_DIFFERS[currency];
  if (stripeExponent === undefined || stripeExponent === currencyExponent(currency)) return amount;
  // Re-read the amount as the decimal Stripe means, so the one rounding rule (lib/canonical/money.ts) decides any
  // digit ISO has no room for (a fractional króna from before 2023).
  return toMinorUnits(asDecimal(amount, stripeExponent), currency);
}

/** Sums Stripe amounts of one currency, converting each. */
export function sumMinorUnits(amounts: number[], stripeCurrency: string): number {
  return amounts.reduce((total, amount) => total + minorUnits(amount, stripeCurrency), 0);
}

function asDecimal(amount: number, exponent: number): string {
  const sign = amount < 0 ? "-" : "";
  const digits = String(Math.abs(amount)).padStart(exponent + 1, "0");
  if (exponent === 0) return sign + digits;
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}
