// Term (sales and bill terms) and PaymentMethod: small name lists, made inactive instead of deleted.
// A term is STANDARD (due DueDays after the transaction) or DATE_DRIVEN (due on DayOfMonthDue).
import type { EntityRecord } from "../../state";
import { faults } from "../faults";
import { isBlank, requireFields, type Json } from "./common";
import { decimalToNumber, parseDecimal } from "./money";
import type { EntityRules } from "./types";

const STANDARD = ["DueDays", "DiscountDays"];
const DATE_DRIVEN = ["DayOfMonthDue", "DueNextMonthDays", "DiscountDayOfMonth"];

function wholeNumber(record: Json, field: string, min: number, max: number): void {
  if (isBlank(record[field])) {
    delete record[field];
    return;
  }
  const value = Number(record[field]);
  if (!Number.isInteger(value) || value < min || value > max) throw faults.invalidValue(field, `Invalid ${field}: ${String(record[field])}. Expected a whole number from ${min} to ${max}`);
  record[field] = value;
}

function prepareTerm(record: Json): EntityRecord {
  requireFields(record, ["Name"]);
  record.Name = String(record.Name).trim();
  const dateDriven = DATE_DRIVEN.some((f) => !isBlank(record[f]));
  const type = isBlank(record.Type) ? (dateDriven ? "DATE_DRIVEN" : "STANDARD") : String(record.Type);
  if (type !== "STANDARD" && type !== "DATE_DRIVEN") throw faults.invalidValue("Type", `Invalid Type: ${type}. Expected STANDARD or DATE_DRIVEN`);
  record.Type = type;
  if (type === "STANDARD") {
    // QuickBooks needs the due-days of a standard term (a blank one is "due on receipt", 0 days).
    record.DueDays = isBlank(record.DueDays) ? 0 : record.DueDays;
    for (const f of DATE_DRIVEN) delete record[f];
    wholeNumber(record, "DueDays", 0, 999);
    wholeNumber(record, "DiscountDays", 0, 999);
  } else {
    requireFields(record, ["DayOfMonthDue"]);
    for (const f of STANDARD) delete record[f];
    wholeNumber(record, "DayOfMonthDue", 1, 31);
    wholeNumber(record, "DueNextMonthDays", 0, 31);
    wholeNumber(record, "DiscountDayOfMonth", 1, 31);
  }
  if (!isBlank(record.DiscountPercent)) {
    const percent = parseDecimal(record.DiscountPercent);
    if (percent === undefined) throw faults.invalidValue("DiscountPercent", `Invalid number for DiscountPercent: ${String(record.DiscountPercent)}`);
    record.DiscountPercent = decimalToNumber(percent);
  }
  record.Active = record.Active ?? true;
  return record as EntityRecord;
}

export const termRules: EntityRules = {
  fields: ["Name", "Active", "Type", "DiscountPercent", ...STANDARD, ...DATE_DRIVEN, "AttachableRef"],
  required: ["Name"],
  prepare: (_ctx, record) => prepareTerm(record),
};

const METHOD_TYPES = ["CREDIT_CARD", "NON_CREDIT_CARD"];

export const paymentMethodRules: EntityRules = {
  fields: ["Name", "Active", "Type"],
  required: ["Name"],
  prepare(_ctx, record) {
    requireFields(record, ["Name"]);
    record.Name = String(record.Name).trim();
    const type = isBlank(record.Type) ? "NON_CREDIT_CARD" : String(record.Type);
    if (!METHOD_TYPES.includes(type)) throw faults.invalidValue("Type", `Invalid Type: ${type}. Expected CREDIT_CARD or NON_CREDIT_CARD`);
    record.Type = type;
    record.Active = record.Active ?? true;
    return record as EntityRecord;
  },
};
