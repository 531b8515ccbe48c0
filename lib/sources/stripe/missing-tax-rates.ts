import type Stripe from "stripe";
import type { InvoiceOfAnyVersion, LineOfAnyVersion } from "./invoice-lines";
import type { StripeTaxAmount } from "./invoice-taxes";

// An invoice's tax amounts name their tax rate, and the rate's percentage is what the ledger maps to a QuickBooks
// tax code. Since 2025-03-31.basil the amounts name the rate by id only; before it, a rate could be expanded in
// the amount, and invoices and lines carried their rates in full (`default_tax_rates`, `tax_rates`). Rates the
// payload carries are used as they are; only the others are fetched, with the connection's restricted key.

/** The tax rates an invoice payload carries in full, by id. */
export function taxRatesInPayload(invoice: InvoiceOfAnyVersion): Record<string, Stripe.TaxRate> {
  const lines = invoice.lines.data as LineOfAnyVersion[];
  const full = [
    ...(invoice.default_tax_rates ?? []),
    ...lines.flatMap((line) => line.tax_rates ?? []),
    ...amountsOf(invoice).map((tax) => tax.tax_rate).filter((rate): rate is Stripe.TaxRate => typeof rate === "object"),
  ];
  return Object.fromEntries(full.map((rate) => [rate.id, rate]));
}

/** The ids of the tax rates `stripeToCanonical` needs for `event` that its payload does not carry, each once. */
export function missingTaxRates(event: Stripe.Event): string[] {
  if (event.type !== "invoice.finalized") return [];
  const invoice = event.data.object as InvoiceOfAnyVersion;
  const carried = taxRatesInPayload(invoice);
  const named = amountsOf(invoice).map((tax) => {
    const ref = tax.tax_rate_details?.tax_rate ?? tax.tax_rate;
    return typeof ref === "string" ? ref : undefined;
  });
  return [...new Set(named.filter((id): id is string => id !== undefined && id !== "" && !carried[id]))];
}

/** Every tax amount of the invoice and its lines, in either API shape. */
function amountsOf(invoice: InvoiceOfAnyVersion): StripeTaxAmount[] {
  const lines = invoice.lines.data as LineOfAnyVersion[];
  return [
    ...(invoice.total_taxes ?? invoice.total_tax_amounts ?? []),
    ...lines.flatMap((line): StripeTaxAmount[] => line.taxes ?? line.tax_amounts ?? []),
  ];
}
