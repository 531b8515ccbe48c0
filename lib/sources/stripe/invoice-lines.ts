import type Stripe from "stripe";
import type { TaxLine } from "../../canonical";
import { AppError } from "../../errors/app-error";
import { minorUnits, sumMinorUnits } from "./amounts";
import { isoFromUnix, present } from "./common";
import type { InputOf, StripeContext } from "./context";
import { taxLines, type StripeTaxAmount } from "./invoice-taxes";
import { taxRatesInPayload } from "./missing-tax-rates";

type LineInput = InputOf<"INVOICE_ISSUED">["lines"][number];

/** Fields of API versions before 2025-03-31.basil that the current types no longer declare. */
export type LineOfAnyVersion = Stripe.InvoiceLineItem & { proration?: boolean; tax_amounts?: StripeTaxAmount[]; tax_rates?: Stripe.TaxRate[] };
export type InvoiceOfAnyVersion = Stripe.Invoice & {
  subscription?: string | { id: string } | null;
  charge?: string | { id: string } | null;
  paid?: boolean;
  total_tax_amounts?: StripeTaxAmount[];
  /** Before 2025-03-31.basil: the sum of the invoice's tax amounts. */
  tax?: number | null;
};

/**
 * An invoice's lines and taxes. Taxes go on the lines when Stripe itemises them per line, otherwise on the
 * invoice, never both (Stripe's invoice totals are the sum of the line taxes, so both would count them twice).
 */
export function invoiceLines(invoice: InvoiceOfAnyVersion, context: StripeContext): { lines: LineInput[]; taxes: TaxLine[] } {
  const where = `Stripe invoice ${invoice.id}`;
  // Rates the payload carries in full need no lookup; the shell fetched the rest (missing-tax-rates.ts).
  const rates: StripeContext = { ...context, taxRates: { ...taxRatesInPayload(invoice), ...context.taxRates } };
  if (invoice.lines.has_more) {
    // Webhook payloads carry the first page of lines only; booking part of an invoice would misstate it.
    throw new AppError("VALIDATION_FAILED", `${where} has more lines than its event carries; fetch the invoice's lines to book it.`, { invoice: invoice.id });
  }
  const lines: LineInput[] = invoice.lines.data.map((line) => lineOf(line as LineOfAnyVersion, invoice.currency, rates, where));
  if (invoice.amount_shipping > 0) {
    lines.push({ description: "Shipping", quantity: "1", amountMinor: minorUnits(invoice.amount_shipping, invoice.currency) });
  }
  const taxesOnLines = lines.some((line) => (line.taxes ?? []).length > 0);
  const taxes = taxesOnLines ? [] : taxLines(invoice.total_taxes ?? invoice.total_tax_amounts, invoice.currency, rates, where);
  return { lines, taxes };
}

/** The service period the lines cover; an invoice's own period_start/period_end is the period before it. */
export function servicePeriod(invoice: Stripe.Invoice): { periodStart: string; periodEnd: string } {
  const periods = invoice.lines.data.map((line) => line.period);
  const start = Math.min(...periods.map((period) => period.start));
  const end = Math.max(...periods.map((period) => period.end));
  if (!Number.isFinite(start) || !Number.isFinite(end)) return { periodStart: isoFromUnix(invoice.period_start), periodEnd: isoFromUnix(invoice.period_end) };
  return { periodStart: isoFromUnix(start), periodEnd: isoFromUnix(end) };
}

function lineOf(line: LineOfAnyVersion, currency: string, context: StripeContext, where: string): LineInput {
  // Stripe's line amount is before discounts (they are listed beside it); the canonical line is after them.
  const discount = sumMinorUnits((line.discount_amounts ?? []).map((d) => d.amount), currency);
  const amount = minorUnits(line.amount, currency);
  return {
    description: line.description || `Stripe invoice line ${line.id}`,
    quantity: quantityOf(line),
    unitAmountMinor: unitAmountOf(line, currency),
    amountMinor: amount - discount,
    discountMinor: discount > 0 ? discount : undefined,
    productId: present(line.pricing?.price_details?.product),
    taxes: taxLines(line.taxes ?? line.tax_amounts, currency, context, where),
    proration: prorationOf(line),
    periodStart: isoFromUnix(line.period.start),
    periodEnd: isoFromUnix(line.period.end),
  };
}

function quantityOf(line: Stripe.InvoiceLineItem): string {
  if (line.quantity_decimal != null) return String(line.quantity_decimal);
  return String(line.quantity ?? 1);
}

/** Stripe's unit price may carry fractions of a cent ("0.25"); a canonical unit amount is whole, so those are left out. */
function unitAmountOf(line: Stripe.InvoiceLineItem, currency: string): number | undefined {
  const unit = line.pricing?.unit_amount_decimal;
  if (unit == null || !/^-?\d+$/.test(String(unit))) return undefined;
  return minorUnits(Number(String(unit)), currency);
}

function prorationOf(line: LineOfAnyVersion): boolean | undefined {
  const parent = line.parent;
  if (!parent) return line.proration;
  const details = parent.type === "subscription_item_details" ? parent.subscription_item_details : parent.invoice_item_details;
  return details?.proration ?? line.proration;
}
