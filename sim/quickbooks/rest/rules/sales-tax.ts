// The tax of a sales document in each mode and country. US tax-exclusive documents keep the document-level
// sales tax of tax.ts unchanged; everything else is computed per line (line-tax.ts): outside the US from each
// line's own tax code, on tax-inclusive US documents from the document's code on its TAX lines.
import type { RealmContext } from "../context";
import { findRecord } from "../store";
import { isBlank, isObject, refValue, type Json } from "./common";
import { centsToAmount, toCents } from "./money";
import { lookup } from "./refs";
import type { SalesLines } from "./sales-lines";
import { defaultTaxCode, salesTax, usingSalesTax } from "./tax";
import { codeRates } from "./tax-codes";
import { lineTax, type TaxedLine } from "./line-tax";
import { missingLineTaxCode, type TaxMode } from "./tax-mode";

export type SalesTax = { detail: Json | undefined; taxCents: number; netSubtotalCents: number };

const ELEMENT = "Line.SalesItemLineDetail.TaxCodeRef";

function itemLines(lines: SalesLines): { line: Json; detail: Json; cents: number }[] {
  return lines.lines
    .filter((line) => line.DetailType === "SalesItemLineDetail" && isObject(line.SalesItemLineDetail))
    .map((line) => ({ line, detail: line.SalesItemLineDetail as Json, cents: toCents(line.Amount) ?? 0 }));
}

/** The US document's code on tax-inclusive forms: as sent (TAX meaning the company's), else the company's. */
function usCode(ctx: RealmContext, record: Json) {
  const given = isObject(record.TxnTaxDetail) ? record.TxnTaxDetail : undefined;
  const code = given && !isBlank(given.TxnTaxCodeRef) ? lookup(ctx, "TaxCode", given.TxnTaxCodeRef, "TxnTaxDetail.TxnTaxCodeRef") : undefined;
  return !code || code.Id === "TAX" ? defaultTaxCode(ctx) : code;
}

function taxedLines(ctx: RealmContext, record: Json, lines: SalesLines, mode: TaxMode): { taxed: TaxedLine[]; codeId?: string } {
  const items = itemLines(lines);
  if (ctx.realm.country === "US") {
    const taxable = items.some((i) => refValue(i.detail.TaxCodeRef) === "TAX");
    const code = mode === "TaxInclusive" && taxable && usingSalesTax(ctx) ? usCode(ctx, record) : undefined;
    const rates = code && code.Id !== "NON" ? codeRates(ctx, code, "sales") : [];
    return { taxed: items.map((i) => ({ ...i, rates: refValue(i.detail.TaxCodeRef) === "TAX" ? rates : [] })), codeId: code?.Id };
  }
  const taxed = items.map((i) => {
    const id = refValue(i.detail.TaxCodeRef);
    // Without tax (NotApplicable) a line needs no code; otherwise QuickBooks refuses the document.
    if (!id && mode !== "NotApplicable") throw missingLineTaxCode(ctx, ELEMENT);
    return { ...i, rates: id ? codeRates(ctx, findRecord(ctx, "TaxCode", id), "sales") : [] };
  });
  return { taxed };
}

/**
 * Choices: a TotalTax sent with a tax-inclusive or non-US document is not an override (the computed tax wins,
 * which keeps the net lines and the tax adding up to the total); NotApplicable answers TotalTax 0 and no lines.
 */
export function documentSalesTax(ctx: RealmContext, record: Json, lines: SalesLines, mode: TaxMode): SalesTax {
  if (ctx.realm.country === "US" && mode === "TaxExcluded") {
    const tax = salesTax(ctx, record, lines.taxableCents);
    return { detail: tax.detail, taxCents: tax.totalCents, netSubtotalCents: lines.subtotalCents };
  }
  const { taxed, codeId } = taxedLines(ctx, record, lines, mode);
  const afterDiscount = record.ApplyTaxAfterDiscount === true;
  const result = lineTax(taxed, mode, afterDiscount ? { cents: lines.discountCents, subtotalCents: lines.subtotalCents } : undefined);
  // Lines priced gross (tax-inclusive) now carry their nets; the subtotal line follows them.
  const netSubtotal = lines.subtotalCents - taxed.reduce((sum, t) => sum + t.cents, 0) + result.netCents;
  for (const line of lines.lines) if (line.DetailType === "SubTotalLineDetail") line.Amount = centsToAmount(netSubtotal);
  const detail: Json = {
    ...(codeId ? { TxnTaxCodeRef: { value: codeId } } : {}),
    TotalTax: centsToAmount(result.taxCents),
    ...(result.taxLines.length ? { TaxLine: result.taxLines } : {}),
  };
  return { detail, taxCents: result.taxCents, netSubtotalCents: netSubtotal };
}
