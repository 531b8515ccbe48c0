// ISO 4217 minor-unit exponents. Amounts are integer minor units of their currency, so converting a decimal
// string ("19.99") or a QuickBooks amount needs to know how many digits follow the decimal point. Currencies not
// listed here have two, which is what ISO 4217 says for all the others in use.
const EXPONENTS: Record<string, number> = {
  // Zero-decimal currencies.
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0, VND: 0, VUV: 0,
  XAF: 0, XOF: 0, XPF: 0,
  // Three-decimal currencies.
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  // Four decimals.
  CLF: 4, UYW: 4,
};

/** Digits after the decimal point in `currency`'s minor unit (USD 2, JPY 0, KWD 3). */
export function currencyExponent(currency: string): number {
  return EXPONENTS[currency.toUpperCase()] ?? 2;
}

export const CURRENCY_PATTERN = /^[A-Z]{3}$/;
