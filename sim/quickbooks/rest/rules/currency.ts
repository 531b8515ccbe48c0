// Currencies and exchange rates. Transactions carry `CurrencyRef {value, name}` (home currency by default);
// a foreign-currency transaction needs multicurrency on and an `ExchangeRate` (given, or looked up like
// QuickBooks' rate feed), and gets home-currency amounts (`HomeTotalAmt`, `HomeBalance`).
import type { RealmContext } from "../context";
import { faults } from "../faults";
import { isBlank, isObject, refValue, type Json } from "./common";
import { DECIMAL_ONE, convertCents, decimalToNumber, divRound, formatDecimal, parseDecimal } from "./money";

/** ISO code -> the name QuickBooks prints in `CurrencyRef.name`. */
export const CURRENCY_NAMES: Record<string, string> = {
  USD: "United States Dollar",
  EUR: "Euro",
  GBP: "British Pound Sterling",
  CAD: "Canadian Dollar",
  AUD: "Australian Dollar",
  NZD: "New Zealand Dollar",
  JPY: "Japanese Yen",
  CHF: "Swiss Franc",
  SEK: "Swedish Krona",
  NOK: "Norwegian Krone",
  DKK: "Danish Krone",
  MXN: "Mexican Peso",
  BRL: "Brazilian Real",
  INR: "Indian Rupee",
  CNY: "Chinese Yuan Renminbi",
  HKD: "Hong Kong Dollar",
  SGD: "Singapore Dollar",
  ZAR: "South African Rand",
};

/** Plausible US dollars per unit, used when the company has no rate of its own for a date. */
const USD_PER_UNIT: Record<string, string> = {
  USD: "1",
  EUR: "1.085",
  GBP: "1.27",
  CAD: "0.735",
  AUD: "0.655",
  NZD: "0.605",
  JPY: "0.0067",
  CHF: "1.13",
  SEK: "0.095",
  NOK: "0.093",
  DKK: "0.1455",
  MXN: "0.058",
  BRL: "0.2",
  INR: "0.012",
  CNY: "0.138",
  HKD: "0.128",
  SGD: "0.745",
  ZAR: "0.054",
};

export function homeCurrency(ctx: RealmContext): string {
  return ctx.realm.currency;
}

export function currencyRef(code: string): { value: string; name: string } {
  return { value: code, name: CURRENCY_NAMES[code] ?? code };
}

export function isKnownCurrency(code: string): boolean {
  return Object.hasOwn(CURRENCY_NAMES, code);
}

/**
 * The rate converting one unit of `code` into the home currency on `date` (scaled decimal): the company's own
 * rate for that date, else its latest earlier one, else the default table. Undefined for unknown currencies.
 */
export function rateFor(ctx: RealmContext, code: string, date: string): bigint | undefined {
  if (code === homeCurrency(ctx)) return DECIMAL_ONE;
  if (!isKnownCurrency(code)) return undefined;
  let best: { date: string; rate: string } | undefined;
  for (const [key, rate] of Object.entries(ctx.realm.exchangeRates)) {
    const [source, on] = key.split(":");
    if (source !== code || !on || on > date) continue;
    if (!best || on > best.date) best = { date: on, rate };
  }
  if (best) return parseDecimal(best.rate);
  const source = parseDecimal(USD_PER_UNIT[code]);
  const home = parseDecimal(USD_PER_UNIT[homeCurrency(ctx)]);
  if (source === undefined || home === undefined) return undefined;
  // Cross rate through USD, kept to 6 decimals like QuickBooks' feed.
  return parseDecimal(formatDecimal(divRound(source * DECIMAL_ONE, home), 6));
}

/**
 * Sets `CurrencyRef` and `ExchangeRate` on a record and returns the rate for home amounts (null when the
 * record is in the home currency). `partyCurrency` is the customer's or vendor's currency: a transaction
 * must be in it, and defaults to it.
 */
export function applyCurrency(ctx: RealmContext, record: Json, date: string, partyCurrency?: string): bigint | null {
  const home = homeCurrency(ctx);
  const given = refValue(record.CurrencyRef);
  const code = (given ?? partyCurrency ?? home).toUpperCase();
  if (!isKnownCurrency(code)) throw faults.invalidReference("CurrencyRef", code);
  if (code !== home && !ctx.realm.multicurrency) {
    throw faults.businessValidation(`Multicurrency is not turned on for this company. Transactions must be in ${home}.`, "CurrencyRef");
  }
  if (partyCurrency && code !== partyCurrency) {
    throw faults.businessValidation(`The transaction currency (${code}) must match the currency of the customer or vendor (${partyCurrency}).`, "CurrencyRef");
  }
  record.CurrencyRef = currencyRef(code);
  if (code === home) {
    // Multicurrency companies print the rate 1 on home-currency documents; others carry no rate at all.
    if (ctx.realm.multicurrency) record.ExchangeRate = 1;
    else delete record.ExchangeRate;
    return null;
  }
  let rate: bigint | undefined;
  if (!isBlank(record.ExchangeRate)) {
    rate = parseDecimal(record.ExchangeRate);
    if (rate === undefined || rate <= 0n) throw faults.invalidValue("ExchangeRate", `Invalid ExchangeRate: ${String(record.ExchangeRate)}`);
  } else {
    rate = rateFor(ctx, code, date);
    if (rate === undefined) throw faults.businessValidation(`No exchange rate for ${code} on ${date}.`, "ExchangeRate");
  }
  record.ExchangeRate = decimalToNumber(rate);
  return rate;
}

/** A home-currency amount (cents) for a foreign one; the same amount when the rate is null (home currency). */
export function toHome(cents: number, rate: bigint | null): number {
  return rate === null ? cents : convertCents(cents, rate);
}

/** The currency of a customer or vendor record (home when it has none). */
export function partyCurrencyOf(ctx: RealmContext, party: Json | undefined): string {
  const ref = party && isObject(party.CurrencyRef) ? refValue(party.CurrencyRef) : undefined;
  return ref ?? homeCurrency(ctx);
}
