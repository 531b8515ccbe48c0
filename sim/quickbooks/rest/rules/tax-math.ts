// Tax arithmetic on integer cents with rates as scaled decimals (money.ts): tax on a net amount, and a gross
// (tax-inclusive) amount split into its net and its taxes. One rounding rule, half away from zero, per rate.
import { DECIMAL_ONE, divRound, percentOfCents } from "./money";

const HUNDRED = 100n * DECIMAL_ONE;

/** Tax at each rate on a net amount, each rounded to cents on its own (as QuickBooks rounds each TaxLine). */
export function taxOnNet(netCents: number, rates: readonly bigint[]): number[] {
  return rates.map((rate) => percentOfCents(netCents, rate));
}

/**
 * A tax-inclusive amount split into net and tax per rate: each rate's tax is gross × rate / (100 + all rates),
 * rounded; the net is what is left, so net + taxes is always the gross exactly. Rates that cancel (a reverse
 * charge, +20 and -20) leave the gross whole and still report both taxes.
 */
export function splitInclusive(grossCents: number, rates: readonly bigint[]): { net: number; taxes: number[] } {
  const denominator = HUNDRED + rates.reduce((sum, rate) => sum + rate, 0n);
  // A rate set summing to -100% has no meaningful net; treat it as untaxed rather than divide by zero.
  const taxes = denominator === 0n ? rates.map(() => 0) : rates.map((rate) => Number(divRound(BigInt(grossCents) * rate, denominator)));
  return { net: grossCents - taxes.reduce((sum, tax) => sum + tax, 0), taxes };
}
