import type Stripe from "stripe";
import type { TaxLine } from "../../canonical";
import { AppError } from "../../errors/app-error";
import { formatMinorUnits } from "../../canonical";
import { currencyCode, minorUnits } from "./amounts";
import { decimalString, notYet } from "./common";
import type { StripeContext } from "./context";

/**
 * One tax amount as Stripe reports it on an invoice or a line, in either shape:
 * - since 2025-03-31.basil (`total_taxes`, `line.taxes`): `tax_behavior` and `tax_rate_details.tax_rate` (an id);
 * - before it (`total_tax_amounts`, `line.tax_amounts`): `inclusive` and `tax_rate` (an id, or the rate if expanded).
 */
export type StripeTaxAmount = {
  amount: number;
  tax_behavior?: string;
  tax_rate_details?: { tax_rate: string } | null;
  inclusive?: boolean;
  tax_rate?: string | Stripe.TaxRate;
};

/** The canonical tax lines for Stripe tax amounts in `stripeCurrency`. `where` names the invoice for messages. */
export function taxLines(amounts: StripeTaxAmount[] | null | undefined, stripeCurrency: string, context: StripeContext, where: string): TaxLine[] {
  const lines: TaxLine[] = [];
  for (const tax of amounts ?? []) {
    const rateRef = tax.tax_rate_details?.tax_rate ?? tax.tax_rate;
    // Stripe Tax reports jurisdictions it does not collect in with no rate and a zero amount: nothing to book.
    if (rateRef === undefined && tax.amount === 0) continue;
    const rate = typeof rateRef === "object" ? rateRef : rateRef === undefined ? undefined : context.taxRates?.[rateRef];
    if (rateRef === undefined) {
      // Nothing to fetch, so trying again cannot help: a person has to say which rate this is.
      throw new AppError("VALIDATION_FAILED", `${where} charges ${formatMinorUnits(minorUnits(tax.amount, stripeCurrency), currencyCode(stripeCurrency))} ${currencyCode(stripeCurrency)} of tax without naming its Stripe tax rate, so its percentage is unknown. Book it by hand or correct the invoice in Stripe.`, {});
    }
    if (!rate) {
      // The percentage is what the ledger maps to a QuickBooks tax code; booking the amount without it would guess.
      // The shell fetches every rate the payload names (missing-tax-rates.ts), so this is a rate it could not get yet.
      throw notYet(`${where} charges tax at Stripe tax rate ${rateRef}, whose percentage has not been fetched yet; it will be retried.`, { taxRate: rateRef });
    }
    lines.push({
      name: rate.display_name,
      ratePercent: decimalString(rate.percentage),
      jurisdiction: jurisdictionOf(rate),
      amountMinor: minorUnits(tax.amount, stripeCurrency),
      inclusive: inclusiveOf(tax, rate),
    });
  }
  return lines;
}

/**
 * Whether the line amounts already contain the tax. Both Stripe shapes say so on the amount itself; the rate's
 * own flag is the fallback, and with neither the tax is taken as added on top (US-style), the common case.
 */
function inclusiveOf(tax: StripeTaxAmount, rate: Stripe.TaxRate): boolean {
  if (tax.tax_behavior === "inclusive" || tax.tax_behavior === "exclusive") return tax.tax_behavior === "inclusive";
  return tax.inclusive ?? rate.inclusive ?? false;
}

/** "US-NY" from country and state, else the country, else Stripe's free-text jurisdiction. */
function jurisdictionOf(rate: Stripe.TaxRate): string | undefined {
  if (rate.country && rate.state) return `${rate.country}-${rate.state}`;
  return rate.country || rate.jurisdiction || undefined;
}
