import type { TaxLine } from "../../canonical";
import { formatMinorUnits } from "../../canonical";
import { AppError } from "../../errors/app-error";
import { currencyCode, minorUnits, sumMinorUnits } from "./amounts";
import { idOf } from "./common";
import type { InputOf } from "./context";
import type { InvoiceOfAnyVersion } from "./invoice-lines";

type LineInput = InputOf<"INVOICE_ISSUED">["lines"][number];

// Before an invoice is booked, its lines must give Stripe's own totals to the cent, as a Shopify order's must give
// its total (shopify/to-sale.ts). A line that does not (a payload cut short, a field of an API version we read
// wrongly, a credit we do not model) would otherwise be booked as it is, and QuickBooks would hold an invoice
// that is not the customer's. Every amount has entered through minorUnits (the one rounding rule of
// lib/canonical/money.ts), so the sums below are integer arithmetic. Stripe's documented relations:
//  - subtotal: the line amounts less discounts attached to the lines themselves ("item discounts are already
//    incorporated"), before invoice-level discounts and exclusive tax;
//  - total_discount_amounts: every discount of every line;
//  - the tax total (total_taxes, or total_tax_amounts / tax before 2025-03-31.basil): every tax of every line;
//  - total: subtotal less invoice-level discounts plus exclusive tax (and shipping).

/** Throws an AppError saying which total is off, and by how much, when the booked lines do not give Stripe's totals. */
export function assertInvoiceAddsUp(invoice: InvoiceOfAnyVersion, lines: LineInput[], taxes: TaxLine[]): void {
  const currency = currencyCode(invoice.currency);
  const minor = (amount: number) => minorUnits(amount, invoice.currency);
  const stripeLines = invoice.lines.data;

  const itemDiscounts = sumMinorUnits(
    stripeLines.flatMap((line) => {
      const own = new Set((line.discounts ?? []).map((discount) => idOf(discount)));
      return (line.discount_amounts ?? []).filter((d) => own.has(idOf(d.discount))).map((d) => d.amount);
    }),
    invoice.currency,
  );
  const linesBeforeDiscounts = sumMinorUnits(stripeLines.map((line) => line.amount), invoice.currency) - itemDiscounts;
  // Stripe does not say whether its subtotal counts shipping; either reading is accepted, the total decides.
  const shipping = minor(invoice.amount_shipping);
  const subtotal = minor(invoice.subtotal);
  if (subtotal !== linesBeforeDiscounts && subtotal !== linesBeforeDiscounts + shipping) {
    throw apart(invoice, `its lines come to ${money(linesBeforeDiscounts, currency)} before discounts`, "subtotal", linesBeforeDiscounts, subtotal);
  }

  const lineDiscounts = lines.reduce((sum, line) => sum + (line.discountMinor ?? 0), 0);
  if (invoice.total_discount_amounts) {
    const stripeDiscounts = sumMinorUnits(invoice.total_discount_amounts.map((d) => d.amount), invoice.currency);
    if (stripeDiscounts !== lineDiscounts) throw apart(invoice, `its lines' discounts come to ${money(lineDiscounts, currency)}`, "discount total", lineDiscounts, stripeDiscounts);
  }

  const allTaxes = [...lines.flatMap((line) => line.taxes ?? []), ...taxes];
  const taxTotal = allTaxes.reduce((sum, tax) => sum + tax.amountMinor, 0);
  const stripeTax = stripeTaxTotal(invoice);
  if (stripeTax !== undefined && stripeTax !== taxTotal) throw apart(invoice, `its taxes come to ${money(taxTotal, currency)}`, "tax total", taxTotal, stripeTax);

  const linesAfterDiscounts = lines.reduce((sum, line) => sum + line.amountMinor, 0);
  const addedTax = allTaxes.filter((tax) => !tax.inclusive).reduce((sum, tax) => sum + tax.amountMinor, 0);
  const computed = linesAfterDiscounts + addedTax;
  const total = minor(invoice.total);
  if (computed !== total) {
    const parts = `its lines after discounts come to ${money(linesAfterDiscounts, currency)} plus ${money(addedTax, currency)} tax added on top = ${money(computed, currency)}`;
    throw apart(invoice, parts, "total", computed, total);
  }
}

/** Stripe's own tax total, in whichever shape the API version sends; undefined when the payload states none. */
function stripeTaxTotal(invoice: InvoiceOfAnyVersion): number | undefined {
  const amounts = invoice.total_taxes ?? invoice.total_tax_amounts;
  if (amounts) return sumMinorUnits(amounts.map((tax) => tax.amount), invoice.currency);
  return typeof invoice.tax === "number" ? minorUnits(invoice.tax, invoice.currency) : undefined;
}

function apart(invoice: InvoiceOfAnyVersion, ours: string, field: string, computed: number, stated: number): AppError {
  const currency = currencyCode(invoice.currency);
  const name = invoice.number ? `${invoice.id} (${invoice.number})` : invoice.id;
  return new AppError(
    "VALIDATION_FAILED",
    `Stripe invoice ${name} does not add up: ${ours}, but Stripe's ${field} is ${money(stated, currency)} ` +
      `(${money(Math.abs(stated - computed), currency)} apart). Check the invoice in Stripe; it is booked once its lines and totals agree.`,
    { invoice: invoice.id, field, computedMinor: computed, statedMinor: stated },
  );
}

function money(minor: number, currency: string): string {
  return `${formatMinorUnits(minor, currency)} ${currency}`;
}
