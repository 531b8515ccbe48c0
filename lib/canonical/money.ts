import { AppError } from "../errors/app-error";
import { currencyExponent } from "./currencies";

// Money is never a float. Every amount in Ledgerwire is an integer count of its currency's minor units (cents for
// USD, yen for JPY, fils for KWD) next to an ISO 4217 code.
//
// THE ROUNDING RULE (the only one): when a decimal amount has more digits than its currency's minor unit, it is
// rounded half away from zero at the minor unit: 0.125 USD -> 13 cents, -0.125 USD -> -13 cents, 0.124 -> 12.
// That is how QuickBooks Online and most tax authorities round a line, so our totals agree with theirs. The
// rounding happens once, where a decimal enters (a Shopify price, an API amount in major units); from then on
// arithmetic is on integers and exact.

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** Parses a decimal string ("19.99", "-0.5", "1200") into integer minor units of `currency`, rounding by the rule. */
export function toMinorUnits(decimal: string, currency: string): number {
  const match = DECIMAL.exec(decimal.trim());
  if (!match) throw new AppError("VALIDATION_FAILED", `"${decimal}" is not a decimal amount.`);
  const [, sign, whole = "0", fraction = ""] = match;
  const exponent = currencyExponent(currency);
  const kept = fraction.slice(0, exponent).padEnd(exponent, "0");
  const rest = fraction.slice(exponent);
  let minor = BigInt(whole + kept);
  if (rest !== "" && rest[0]! >= "5") minor += 1n; // half away from zero: the sign is applied after
  if (sign && minor !== 0n) minor = -minor;
  return toSafeNumber(minor, decimal);
}

/** Formats minor units as a plain decimal string in major units ("1999", "USD" -> "19.99"). */
export function formatMinorUnits(minor: number, currency: string): string {
  const exponent = currencyExponent(currency);
  const sign = minor < 0 ? "-" : "";
  const digits = String(Math.abs(minor)).padStart(exponent + 1, "0");
  if (exponent === 0) return sign + digits;
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

/**
 * Splits `total` minor units in proportion to `weights` (integers), so the parts add up to `total` exactly:
 * each part is rounded down, and the units left over go one each to the parts with the largest remainders
 * (ties to the earlier part). Used to spread an order-level discount or tax over lines.
 */
export function allocateMinorUnits(total: number, weights: number[]): number[] {
  if (weights.length === 0) return [];
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return weights.map((_, i) => (i === 0 ? total : 0));
  const sign = total < 0 ? -1 : 1;
  const magnitude = BigInt(Math.abs(total));
  const big = weights.map((w) => BigInt(w));
  const parts = big.map((w) => (magnitude * w) / BigInt(sum));
  const remainders = big.map((w, i) => ({ i, r: (magnitude * w) % BigInt(sum) }));
  let left = magnitude - parts.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0n) break;
    parts[i]! += 1n;
    left -= 1n;
  }
  return parts.map((p) => sign * Number(p));
}

function toSafeNumber(minor: bigint, original: string): number {
  if (minor > BigInt(Number.MAX_SAFE_INTEGER) || minor < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new AppError("VALIDATION_FAILED", `The amount ${original} is too large.`);
  }
  return Number(minor);
}
