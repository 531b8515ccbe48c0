import { formatMinorUnits } from "../../canonical";

// QuickBooks takes amounts as JSON numbers in major units. The number is written from the exact decimal string
// of the minor units (never computed in floating point), so 1999 cents is sent as 19.99 and nothing else.
export function qboAmount(minor: number, currency: string): number {
  return Number(formatMinorUnits(minor, currency));
}

export function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** a * numerator / denominator on integers, rounded half away from zero (lib/canonical/money.ts's rule). */
export function scaleRounded(a: number, numerator: bigint, denominator: bigint): number {
  const product = BigInt(a) * numerator;
  const negative = product < 0n !== denominator < 0n;
  const n = product < 0n ? -product : product;
  const d = denominator < 0n ? -denominator : denominator;
  let q = n / d;
  if ((n % d) * 2n >= d) q += 1n;
  return Number(negative ? -q : q);
}

/** A decimal string ("1.0850") as a scaled integer and its scale (10^digits), for exact rate arithmetic. */
export function decimalParts(decimal: string): { value: bigint; scale: bigint } {
  const [whole = "0", fraction = ""] = decimal.replace(/^-/, "").split(".");
  const value = BigInt(whole + fraction) * (decimal.startsWith("-") ? -1n : 1n);
  return { value, scale: 10n ** BigInt(fraction.length) };
}

/**
 * Scales parts so they add up to `target` exactly: each part is rounded by the rule, and what rounding leaves
 * over goes to the largest part (the one a cent matters least to). Used to convert a document's lines.
 */
export function scaleParts(parts: readonly number[], from: number, target: number): number[] {
  if (from === 0) return parts.map((_, i) => (i === 0 ? target : 0));
  const scaled = parts.map((p) => scaleRounded(p, BigInt(target), BigInt(from)));
  const rest = target - sum(scaled);
  if (rest !== 0 && scaled.length > 0) {
    let largest = 0;
    parts.forEach((p, i) => {
      if (Math.abs(p) > Math.abs(parts[largest]!)) largest = i;
    });
    scaled[largest]! += rest;
  }
  return scaled;
}
