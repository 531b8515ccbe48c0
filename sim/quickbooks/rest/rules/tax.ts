// US sales tax on sales documents. Lines are TAX or NON; the document's tax code (TxnTaxDetail.TxnTaxCodeRef,
// else the company default in Preferences.TaxPrefs) names the rates; each rate's tax is rounded to cents on
// the taxable amount and TotalTax is their sum. Like automated sales tax, the computed figure wins unless the
// request overrides it by sending both TxnTaxCodeRef and TotalTax.
import type { EntityRecord } from "../../state";
import type { RealmContext } from "../context";
import { faults } from "../faults";
import { findRecord } from "../store";
import { isBlank, isObject, refValue, type Json } from "./common";
import { centsToAmount, decimalToNumber, parseDecimal, percentOfCents, toCents } from "./money";
import { lookup } from "./refs";

export type TaxResult = { detail: Json | undefined; totalCents: number };

function taxPrefs(ctx: RealmContext): Json {
  const prefs = findRecord(ctx, "Preferences", "1");
  return prefs && isObject(prefs.TaxPrefs) ? prefs.TaxPrefs : {};
}

export function usingSalesTax(ctx: RealmContext): boolean {
  return taxPrefs(ctx).UsingSalesTax !== false;
}

export function defaultTaxCode(ctx: RealmContext): EntityRecord | undefined {
  const id = refValue(taxPrefs(ctx).TaxGroupCodeRef);
  const code = id ? findRecord(ctx, "TaxCode", id) : undefined;
  return code && code.Active !== false ? code : undefined;
}

/** The rates behind a tax code: [rate record, percent (scaled)]. TAX/NON carry none themselves. */
function ratesOf(ctx: RealmContext, code: EntityRecord): [EntityRecord, bigint][] {
  const list = isObject(code.SalesTaxRateList) ? code.SalesTaxRateList.TaxRateDetail : undefined;
  if (!Array.isArray(list)) return [];
  const rates: [EntityRecord, bigint][] = [];
  for (const detail of list) {
    const rate = isObject(detail) ? findRecord(ctx, "TaxRate", refValue(detail.TaxRateRef) ?? "") : undefined;
    const percent = rate ? parseDecimal(rate.RateValue) : undefined;
    if (rate && percent !== undefined) rates.push([rate, percent]);
  }
  return rates;
}

/** Tax on a sales document whose taxable lines add up to `taxableCents`. */
export function salesTax(ctx: RealmContext, record: Json, taxableCents: number): TaxResult {
  const given = isObject(record.TxnTaxDetail) ? record.TxnTaxDetail : undefined;
  const overrideCents = given && !isBlank(given.TxnTaxCodeRef) && !isBlank(given.TotalTax) ? toCents(given.TotalTax) : undefined;
  if (given && !isBlank(given.TotalTax) && toCents(given.TotalTax) === undefined) throw faults.invalidValue("TxnTaxDetail.TotalTax", `Invalid TotalTax: ${String(given.TotalTax)}`);
  if (!usingSalesTax(ctx)) {
    const cents = given ? toCents(given.TotalTax) ?? 0 : 0;
    return given ? { detail: { ...given, TotalTax: centsToAmount(cents) }, totalCents: cents } : { detail: undefined, totalCents: 0 };
  }

  let code = given && !isBlank(given.TxnTaxCodeRef) ? lookup(ctx, "TaxCode", given.TxnTaxCodeRef, "TxnTaxDetail.TxnTaxCodeRef") : undefined;
  // TAX as the document code means "the company's sales tax"; NON means none.
  if (code?.Id === "TAX") code = defaultTaxCode(ctx);
  if (!given?.TxnTaxCodeRef && taxableCents !== 0) code = defaultTaxCode(ctx);
  const rates = code && code.Id !== "NON" ? ratesOf(ctx, code) : [];

  const lines = rates.map(([rate, percent]) => ({
    Amount: percentOfCents(taxableCents, percent),
    DetailType: "TaxLineDetail",
    TaxLineDetail: { TaxRateRef: { value: rate.Id }, PercentBased: true, TaxPercent: decimalToNumber(percent), NetAmountTaxable: centsToAmount(taxableCents) },
  }));
  let total = lines.reduce((sum, line) => sum + line.Amount, 0);
  if (overrideCents !== undefined && overrideCents !== total) {
    // The override replaces the computed tax; the difference goes on the last rate so the lines still add up.
    const last = lines[lines.length - 1];
    if (last) last.Amount += overrideCents - total;
    total = overrideCents;
  }
  const detail: Json = {};
  if (code) detail.TxnTaxCodeRef = { value: code.Id };
  detail.TotalTax = centsToAmount(total);
  if (lines.length && (taxableCents !== 0 || overrideCents !== undefined)) {
    detail.TaxLine = lines.map((line) => ({ ...line, Amount: centsToAmount(line.Amount) }));
  }
  return { detail, totalCents: total };
}

/** Purchases and bills: tax is what the request says (QuickBooks does not compute purchase tax in the US). */
export function givenTax(record: Json): TaxResult {
  const given = isObject(record.TxnTaxDetail) ? record.TxnTaxDetail : undefined;
  if (!given) return { detail: undefined, totalCents: 0 };
  const cents = isBlank(given.TotalTax) ? 0 : toCents(given.TotalTax);
  if (cents === undefined) throw faults.invalidValue("TxnTaxDetail.TotalTax", `Invalid TotalTax: ${String(given.TotalTax)}`);
  return { detail: { ...given, TotalTax: centsToAmount(cents) }, totalCents: cents };
}

/** A voided document's tax: the same shape, every amount 0. */
export function zeroTax(detail: unknown): Json | undefined {
  if (!isObject(detail)) return undefined;
  const lines = Array.isArray(detail.TaxLine) ? detail.TaxLine.filter(isObject).map((l) => ({ ...l, Amount: 0 })) : undefined;
  return { ...detail, TotalTax: 0, ...(lines ? { TaxLine: lines } : {}) };
}
