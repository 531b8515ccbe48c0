// Input tax on purchases and bills. In the US QuickBooks computes none and keeps what the request says
// (tax.ts givenTax); elsewhere it computes it from each line's tax code and the code's purchase rates, in the
// document's mode, as on sales forms (line-tax.ts). A reverse-charge code's purchase rates (+20% and -20%)
// cancel, so the vendor is owed the net while both sides of the VAT are still reported.
import type { RealmContext } from "../context";
import { findRecord } from "../store";
import { isObject, refValue, type Json } from "./common";
import { centsToAmount, toCents } from "./money";
import { givenTax, type TaxResult } from "./tax";
import { codeRates } from "./tax-codes";
import { lineTax, type TaxedLine } from "./line-tax";
import { missingLineTaxCode, type TaxMode } from "./tax-mode";

const DETAILS = ["AccountBasedExpenseLineDetail", "ItemBasedExpenseLineDetail"] as const;

export type PurchaseTax = TaxResult & { netCents: number };

/** `lines` are the checked expense lines (their Amount is the gross when tax-inclusive; rewritten to the net). */
export function purchaseTax(ctx: RealmContext, record: Json, lines: Json[], linesCents: number, mode: TaxMode): PurchaseTax {
  if (ctx.realm.country === "US") return { ...givenTax(record), netCents: linesCents };
  const taxed: TaxedLine[] = [];
  for (const line of lines) {
    const type = DETAILS.find((d) => line.DetailType === d && isObject(line[d]));
    if (!type) continue;
    const detail = line[type] as Json;
    const id = refValue(detail.TaxCodeRef);
    if (!id && mode !== "NotApplicable") throw missingLineTaxCode(ctx, `Line.${type}.TaxCodeRef`);
    taxed.push({ line, detail, cents: toCents(line.Amount) ?? 0, rates: id ? codeRates(ctx, findRecord(ctx, "TaxCode", id), "purchase") : [] });
  }
  const result = lineTax(taxed, mode);
  const detail: Json = { TotalTax: centsToAmount(result.taxCents), ...(result.taxLines.length ? { TaxLine: result.taxLines } : {}) };
  return { detail, totalCents: result.taxCents, netCents: result.netCents };
}
