// Lines of sales documents (Invoice, SalesReceipt, CreditMemo, RefundReceipt): item lines with computed
// amounts and tax codes, optional discount lines, and the SubTotalLineDetail line QuickBooks appends itself
// (see the SalesReceipt fixture). A subtotal line sent back by a client (full update of a read document) is
// dropped and recomputed.
import type { RealmContext } from "../context";
import { faults } from "../faults";
import { records } from "../store";
import { detailTypeOf, isBlank, isObject, linesOf, numberLines, type Json } from "./common";
import { lineAmount, lineTaxCode } from "./lines";
import { centsToAmount, divRound, parseDecimal, percentOfCents, toCents } from "./money";
import { accountBySubType, accountRefOrDefault, resolveRef } from "./refs";
import { checkShippingItem, isShippingDetail } from "./shipping";

const DETAIL_TYPES = ["SalesItemLineDetail", "DiscountLineDetail", "DescriptionOnly", "SubTotalLineDetail", "GroupLineDetail"] as const;

export type SalesLines = { lines: Json[]; subtotalCents: number; discountCents: number; taxableCents: number };

/** QuickBooks puts a line without ItemRef on its default "Services" item. */
function defaultItemRef(ctx: RealmContext): Json | undefined {
  const item = Object.values(records(ctx, "Item")).find((i) => i.Name === "Services" && i.Active !== false);
  return item ? { value: item.Id } : undefined;
}

function itemLine(ctx: RealmContext, line: Json): { cents: number; taxable: boolean } {
  const detail: Json = isObject(line.SalesItemLineDetail) ? { ...line.SalesItemLineDetail } : {};
  const element = "Line.SalesItemLineDetail.ItemRef";
  if (isBlank(detail.ItemRef)) detail.ItemRef = defaultItemRef(ctx);
  // The shipping pseudo item has no Item record (shipping.ts).
  const shipping = isShippingDetail(detail);
  if (shipping) checkShippingItem(ctx, detail, element);
  const item = shipping ? undefined : resolveRef(ctx, detail, "ItemRef", "Item", element);
  if (!item && !shipping) throw faults.requiredParam(element);
  if (item?.Type === "Category") throw faults.businessValidation(`Category "${String(item.Name)}" can't be used on a transaction line.`, element);
  resolveRef(ctx, detail, "ClassRef", "Class", "Line.SalesItemLineDetail.ClassRef");
  const cents = lineAmount(line, detail, "SalesItemLineDetail");
  const taxable = lineTaxCode(ctx, detail, item, "Line.SalesItemLineDetail.TaxCodeRef");
  line.SalesItemLineDetail = detail;
  return { cents, taxable };
}

function discountLine(ctx: RealmContext, line: Json, subtotalCents: number): number {
  const detail: Json = isObject(line.DiscountLineDetail) ? { ...line.DiscountLineDetail } : {};
  let cents: number | undefined;
  const percent = parseDecimal(detail.DiscountPercent);
  if (detail.PercentBased === true && percent !== undefined) {
    cents = percentOfCents(subtotalCents, percent);
  } else {
    if (isBlank(line.Amount)) throw faults.requiredParam("Line.Amount");
    cents = toCents(line.Amount);
    if (cents === undefined) throw faults.invalidValue("Line.Amount", `Invalid number for Line.Amount: ${String(line.Amount)}`);
    detail.PercentBased = detail.PercentBased ?? false;
  }
  accountRefOrDefault(ctx, detail, "DiscountAccountRef", accountBySubType(ctx, "DiscountsRefundsGiven"), "Line.DiscountLineDetail.DiscountAccountRef");
  resolveRef(ctx, detail, "ClassRef", "Class", "Line.DiscountLineDetail.ClassRef");
  line.DiscountLineDetail = detail;
  line.Amount = centsToAmount(cents);
  return cents;
}

export function salesLines(ctx: RealmContext, record: Json, applyTaxAfterDiscount: boolean): SalesLines {
  const input = linesOf(record.Line).filter((line) => detailTypeOf(line, DETAIL_TYPES) !== "SubTotalLineDetail");
  if (input.length === 0) throw faults.requiredParam("Line");
  let subtotal = 0;
  let taxable = 0;
  for (const line of input) {
    const type = detailTypeOf(line, DETAIL_TYPES);
    line.DetailType = type;
    if (type === "GroupLineDetail") throw faults.invalidValue("Line.DetailType", "Group items are not supported on this company's sales forms");
    if (type === "SalesItemLineDetail") {
      const { cents, taxable: isTaxable } = itemLine(ctx, line);
      subtotal += cents;
      if (isTaxable) taxable += cents;
    } else if (type === "DescriptionOnly") {
      // A description line carries text only; any Amount is dropped from the totals, as in QuickBooks.
      delete line.Amount;
    }
  }
  // Discounts apply to the subtotal of the item lines.
  let discount = 0;
  for (const line of input) if (line.DetailType === "DiscountLineDetail") discount += discountLine(ctx, line, subtotal);
  if (applyTaxAfterDiscount && discount !== 0 && subtotal !== 0) {
    taxable -= Number(divRound(BigInt(discount) * BigInt(taxable), BigInt(subtotal)));
  }

  const numbered = numberLines(input, { lineNum: true });
  const subtotalLine: Json = { Amount: centsToAmount(subtotal), DetailType: "SubTotalLineDetail", SubTotalLineDetail: {} };
  const firstDiscount = numbered.findIndex((l) => l.DetailType === "DiscountLineDetail");
  const lines = firstDiscount === -1 ? [...numbered, subtotalLine] : [...numbered.slice(0, firstDiscount), subtotalLine, ...numbered.slice(firstDiscount)];
  return { lines, subtotalCents: subtotal, discountCents: discount, taxableCents: taxable };
}

/** The voided copy of sales lines: kept, with Qty and every Amount at 0 (the SalesReceipt void fixture). */
export function zeroSalesLines(lines: unknown): Json[] {
  return linesOf(lines).map((line) => {
    const zeroed: Json = { ...line };
    if (!isBlank(zeroed.Amount)) zeroed.Amount = 0;
    if (isObject(zeroed.SalesItemLineDetail)) zeroed.SalesItemLineDetail = { ...zeroed.SalesItemLineDetail, Qty: 0 };
    return zeroed;
  });
}
