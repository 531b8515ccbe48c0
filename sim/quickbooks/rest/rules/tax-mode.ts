// GlobalTaxCalculation: whether a document's line amounts exclude tax (TaxExcluded, the default), include it
// (TaxInclusive) or carry none (NotApplicable), and the faults QuickBooks gives around line tax codes.
import type { RealmContext } from "../context";
import { QboFault } from "../faults";
import { isBlank, isObject, type Json } from "./common";
import { faults } from "../faults";

export const TAX_MODES = ["TaxExcluded", "TaxInclusive", "NotApplicable"] as const;
export type TaxMode = (typeof TAX_MODES)[number];

/**
 * Any other value fails as QuickBooks fails an unknown enumeration value: while the body is read, 2010 with
 * Jackson's wording (seen for LineDetailTypeEnum in routablehq/python-quickbooks#145). QuickBooks leaves the
 * element empty there; the simulator names GlobalTaxCalculation so clients can tell which field it was.
 */
function invalidMode(value: unknown): QboFault {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  const detail = `Property Name:Can not deserialize value of type com.intuit.schema.finance.v3.GlobalTaxCalculationEnum from String "${text}": value not one of declared Enum instance names: [${TAX_MODES.join(", ")}]\n  specified is unsupported or invalid`;
  return new QboFault(400, "ValidationFault", [{ Message: "Request has invalid or unsupported property", Detail: detail, code: "2010", element: "GlobalTaxCalculation" }]);
}

/**
 * The document's mode, checked. Outside the US QuickBooks answers every transaction with its mode, so the
 * default is written back there; US documents keep the field only when it was sent (as the captures show).
 */
export function taxModeOf(ctx: RealmContext, record: Json): TaxMode {
  const given = record.GlobalTaxCalculation;
  if (isBlank(given)) {
    if (ctx.realm.country === "US") delete record.GlobalTaxCalculation;
    else record.GlobalTaxCalculation = "TaxExcluded";
    return "TaxExcluded";
  }
  const mode = TAX_MODES.find((m) => m === given);
  if (!mode) throw invalidMode(given);
  return mode;
}

const DETAILS = ["SalesItemLineDetail", "AccountBasedExpenseLineDetail", "ItemBasedExpenseLineDetail"];

/**
 * Tax-inclusive lines are priced gross. A line read back from QuickBooks carries the net in Amount and the gross
 * in TaxInclusiveAmt, so when TaxInclusiveAmt is there it is the gross that counts (Amount is recomputed);
 * otherwise the Amount sent is the gross. In the other modes a stale TaxInclusiveAmt is dropped.
 */
export function grossInput(lines: unknown, mode: TaxMode): unknown {
  if (!Array.isArray(lines)) return lines;
  return lines.map((line: unknown) => {
    if (!isObject(line)) return line;
    const type = DETAILS.find((d) => isObject(line[d]));
    if (!type) return line;
    const detail = { ...(line[type] as Json) };
    const copy: Json = { ...line, [type]: detail };
    if (mode === "TaxInclusive" && !isBlank(detail.TaxInclusiveAmt)) copy.Amount = detail.TaxInclusiveAmt;
    delete detail.TaxInclusiveAmt;
    return copy;
  });
}

/**
 * A line without a tax code outside the US. The VAT wording is QuickBooks UK's own (6000, seen in client logs);
 * the GST/HST (Canada), GST (Australia) and generic wordings follow it by analogy, unconfirmed.
 */
export function missingLineTaxCode(ctx: RealmContext, element: string): QboFault {
  const what: Record<string, string> = { GB: "VAT", IE: "VAT", CA: "GST/HST", AU: "GST" };
  const name = what[ctx.realm.country] ?? "tax";
  return faults.businessValidation(`Make sure all your transactions have a ${name} rate before you save.`, element);
}
