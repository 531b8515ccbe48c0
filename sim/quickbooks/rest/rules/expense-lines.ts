// Lines of purchases and bills: an expense on an account (AccountBasedExpenseLineDetail) or on an item
// (ItemBasedExpenseLineDetail, Qty × UnitPrice), optionally billable to a customer.
import type { RealmContext } from "../context";
import { faults } from "../faults";
import { detailTypeOf, isObject, linesOf, numberLines, type Json } from "./common";
import { lineAmount, lineTaxCode } from "./lines";
import { requireRef, resolveRef } from "./refs";

const DETAIL_TYPES = ["AccountBasedExpenseLineDetail", "ItemBasedExpenseLineDetail"] as const;

function expenseLine(ctx: RealmContext, line: Json): number {
  const type = detailTypeOf(line, DETAIL_TYPES);
  line.DetailType = type;
  const detail: Json = isObject(line[type]) ? { ...(line[type] as Json) } : {};
  const prefix = `Line.${type}`;
  if (type === "AccountBasedExpenseLineDetail") requireRef(ctx, detail, "AccountRef", "Account", `${prefix}.AccountRef`);
  else requireRef(ctx, detail, "ItemRef", "Item", `${prefix}.ItemRef`);
  const cents = lineAmount(line, detail, type);
  resolveRef(ctx, detail, "CustomerRef", "Customer", `${prefix}.CustomerRef`);
  resolveRef(ctx, detail, "ClassRef", "Class", `${prefix}.ClassRef`);
  // Purchase lines need no tax code; one given must be valid.
  lineTaxCode(ctx, detail, undefined, `${prefix}.TaxCodeRef`, false);
  detail.BillableStatus = detail.BillableStatus ?? "NotBillable";
  line[type] = detail;
  return cents;
}

/** Checks and numbers the lines; returns them with their total in cents. */
export function expenseLines(ctx: RealmContext, record: Json): { lines: Json[]; totalCents: number } {
  const lines = linesOf(record.Line);
  if (lines.length === 0) throw faults.requiredParam("Line");
  let total = 0;
  for (const line of lines) total += expenseLine(ctx, line);
  return { lines: numberLines(lines, { lineNum: true }), totalCents: total };
}
