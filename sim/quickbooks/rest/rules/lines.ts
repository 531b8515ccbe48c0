// Line math shared by sales and expense documents: the line Amount from Qty × UnitPrice, and line tax codes.
import type { EntityRecord } from "../../state";
import type { RealmContext } from "../context";
import { faults } from "../faults";
import { isBlank, refValue, type Json } from "./common";
import { centsToAmount, decimalToNumber, multiplyToCents, parseDecimal, toCents } from "./money";
import { lookup } from "./refs";

function decimalField(holder: Json, field: string, element: string): bigint | undefined {
  if (isBlank(holder[field])) return undefined;
  const value = parseDecimal(holder[field]);
  if (value === undefined) throw faults.invalidValue(element, `Invalid number for ${element}: ${String(holder[field])}`);
  holder[field] = decimalToNumber(value);
  return value;
}

/**
 * The line's Amount in cents. QuickBooks requires Amount on every line; the simulator also accepts a line
 * that gives Qty and UnitPrice instead and computes Qty × UnitPrice (rounded once, half-up), and answers
 * 2020 "Line.Amount" when it can't. When all three are given they must agree (6070, as QuickBooks).
 */
export function lineAmount(line: Json, detail: Json, detailName: string): number {
  const qty = decimalField(detail, "Qty", `Line.${detailName}.Qty`);
  const price = decimalField(detail, "UnitPrice", `Line.${detailName}.UnitPrice`);
  if (!isBlank(line.Amount)) {
    const given = toCents(line.Amount);
    if (given === undefined) throw faults.invalidValue("Line.Amount", `Invalid number for Line.Amount: ${String(line.Amount)}`);
    if (qty !== undefined && price !== undefined && multiplyToCents(qty, price) !== given) throw faults.amountMismatch("Line.Amount", String(line.Amount));
    line.Amount = centsToAmount(given);
    return given;
  }
  if (qty !== undefined && price !== undefined) {
    const cents = multiplyToCents(qty, price);
    line.Amount = centsToAmount(cents);
    return cents;
  }
  throw faults.requiredParam("Line.Amount");
}

/** An amount field that must be a number (Payment and Deposit lines, JournalEntry lines). */
export function requiredAmount(line: Json, element = "Line.Amount"): number {
  if (isBlank(line.Amount)) throw faults.requiredParam(element);
  const cents = toCents(line.Amount);
  if (cents === undefined) throw faults.invalidValue(element, `Invalid number for ${element}: ${String(line.Amount)}`);
  line.Amount = centsToAmount(cents);
  return cents;
}

/**
 * A line's TaxCodeRef: in US companies only TAX or NON (6100 otherwise), defaulting from the item's Taxable
 * flag like the fixture's `{"value": "NON"}`; elsewhere any active tax code. Returns whether the line is taxable.
 */
export function lineTaxCode(ctx: RealmContext, detail: Json, item: EntityRecord | undefined, element: string, fallback = true): boolean {
  if (ctx.realm.country === "US") {
    if (isBlank(detail.TaxCodeRef)) {
      if (!fallback) return false;
      detail.TaxCodeRef = { value: item?.Taxable === true ? "TAX" : "NON" };
    }
    const value = refValue(detail.TaxCodeRef) ?? "";
    if (value !== "TAX" && value !== "NON") throw faults.invalidLineTaxCode(element, value);
    lookup(ctx, "TaxCode", detail.TaxCodeRef, element);
    detail.TaxCodeRef = { value };
    return value === "TAX";
  }
  if (isBlank(detail.TaxCodeRef)) return false;
  const code = lookup(ctx, "TaxCode", detail.TaxCodeRef, element);
  detail.TaxCodeRef = { value: code.Id };
  return code.Taxable === true;
}
