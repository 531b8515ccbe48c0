// Money and quantities as exact decimals. Amounts are summed in integer cents; quantities, unit prices, tax
// percentages and exchange rates are kept as bigint "micro-units" (value × 10^8) so that Qty × UnitPrice or
// Amount × rate is computed exactly and rounded once. Rounding is half away from zero ("half-up" on the
// magnitude), the way QuickBooks rounds line amounts and tax.

/** Decimal places kept for quantities, prices and rates: QuickBooks accepts up to 7 on UnitPrice. */
export const SCALE = 8;
const ONE = 10n ** BigInt(SCALE);

const NUMERIC = /^([+-])?(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

/** Integer division rounding half away from zero. */
export function divRound(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (n + d / 2n) / d;
  return negative ? -q : q;
}

/** A JSON number or numeric string as value × 10^8 (rounded); undefined when it is not a number. */
export function parseDecimal(value: unknown): bigint | undefined {
  let text: string;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return undefined;
    text = String(value);
  } else if (typeof value === "string") {
    text = value.trim();
  } else {
    return undefined;
  }
  const match = NUMERIC.exec(text);
  if (!match) return undefined;
  const [, sign, whole = "", fraction = "", exponent = "0"] = match;
  if (whole === "" && fraction === "") return undefined;
  const digits = BigInt(`${whole}${fraction}` || "0");
  // value = digits × 10^(exponent - fraction.length); bring it to 10^-SCALE units.
  const shift = Number(exponent) - fraction.length + SCALE;
  const scaled = shift >= 0 ? digits * 10n ** BigInt(shift) : divRound(digits, 10n ** BigInt(-shift));
  return sign === "-" ? -scaled : scaled;
}

/** A money value rounded to whole cents; undefined when it is not a number. */
export function toCents(value: unknown): number | undefined {
  const decimal = parseDecimal(value);
  return decimal === undefined ? undefined : Number(divRound(decimal, ONE / 100n));
}

/** Cents back to the JSON number QuickBooks prints (12.5, not "12.50"). Exact: a correctly rounded division. */
export function centsToAmount(cents: number): number {
  return cents / 100;
}

/** A scaled decimal back to a JSON number (for Qty, UnitPrice, rates). */
export function decimalToNumber(decimal: bigint): number {
  return Number(decimal) / Number(ONE);
}

/** Qty × UnitPrice, both scaled decimals, rounded once to cents. */
export function multiplyToCents(a: bigint, b: bigint): number {
  return Number(divRound(a * b, (ONE * ONE) / 100n));
}

/** `percent` % of an amount in cents (tax, percentage discounts), rounded to cents. `percent` is scaled. */
export function percentOfCents(cents: number, percent: bigint): number {
  return Number(divRound(BigInt(cents) * percent, 100n * ONE));
}

/** An amount in cents converted at a scaled exchange rate, rounded to cents (home-currency amounts). */
export function convertCents(cents: number, rate: bigint): number {
  return Number(divRound(BigInt(cents) * rate, ONE));
}

/** Sum of cents; integers, so the sum is exact. */
export function sumCents(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

/** A rate as a decimal string with at most `places` decimals (exchange rates are printed this way). */
export function formatDecimal(decimal: bigint, places = 6): string {
  const rounded = divRound(decimal, 10n ** BigInt(SCALE - places));
  const negative = rounded < 0n;
  const digits = (negative ? -rounded : rounded).toString().padStart(places + 1, "0");
  const whole = digits.slice(0, digits.length - places);
  const fraction = digits.slice(digits.length - places).replace(/0+$/, "");
  return `${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`;
}

export const DECIMAL_ONE = ONE;
