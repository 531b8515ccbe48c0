// TimeActivity: time an employee or vendor worked, optionally for a customer and billable. It is dated like a
// transaction (TxnDate, closed books) but posts nothing. Time is Hours and Minutes, or StartTime and EndTime
// (less any break), as in QuickBooks.
import type { EntityRecord } from "../../state";
import type { RealmContext } from "../context";
import { faults } from "../faults";
import { isBlank, requireFields, txnDate, type Json } from "./common";
import { decimalToNumber, parseDecimal } from "./money";
import { requireRef, resolveRef } from "./refs";
import type { EntityRules } from "./types";

const FIELDS = [
  "NameOf",
  "EmployeeRef",
  "VendorRef",
  "OtherNameRef",
  "TxnDate",
  "CustomerRef",
  "ProjectRef",
  "ItemRef",
  "ClassRef",
  "DepartmentRef",
  "PayrollItemRef",
  "BillableStatus",
  "Taxable",
  "HourlyRate",
  "CostRate",
  "Hours",
  "Minutes",
  "Seconds",
  "BreakHours",
  "BreakMinutes",
  "BreakSeconds",
  "StartTime",
  "EndTime",
  "Description",
  "TimeZone",
  "TransactionLocationType",
];

const BILLABLE = ["Billable", "NotBillable", "HasBeenBilled"];

function whole(record: Json, field: string, max: number): number {
  if (isBlank(record[field])) return 0;
  const value = Number(record[field]);
  if (!Number.isInteger(value) || value < 0 || value > max) throw faults.invalidValue(field, `Invalid ${field}: ${String(record[field])}`);
  record[field] = value;
  return value;
}

/** Worked time from StartTime/EndTime less the break, written back as Hours and Minutes. */
function spanTime(record: Json): void {
  const start = Date.parse(String(record.StartTime));
  const end = Date.parse(String(record.EndTime));
  if (Number.isNaN(start)) throw faults.invalidValue("StartTime", `Invalid date-time: ${String(record.StartTime)}`);
  if (Number.isNaN(end)) throw faults.invalidValue("EndTime", `Invalid date-time: ${String(record.EndTime)}`);
  const breakMinutes = whole(record, "BreakHours", 23) * 60 + whole(record, "BreakMinutes", 59);
  const minutes = Math.round((end - start) / 60_000) - breakMinutes;
  if (minutes <= 0) throw faults.businessValidation("EndTime must be after StartTime (and the break).", "EndTime");
  record.Hours = Math.floor(minutes / 60);
  record.Minutes = minutes % 60;
}

function prepareTimeActivity(ctx: RealmContext, record: Json, previous: EntityRecord | undefined): EntityRecord {
  requireFields(record, ["NameOf"]);
  const nameOf = String(record.NameOf);
  if (nameOf === "Employee") {
    requireRef(ctx, record, "EmployeeRef", "Employee");
    delete record.VendorRef;
  } else if (nameOf === "Vendor") {
    requireRef(ctx, record, "VendorRef", "Vendor");
    delete record.EmployeeRef;
  } else {
    throw faults.invalidValue("NameOf", `Invalid NameOf: ${nameOf}. Expected Employee or Vendor`);
  }
  resolveRef(ctx, record, "CustomerRef", "Customer");
  resolveRef(ctx, record, "ItemRef", "Item");
  resolveRef(ctx, record, "ClassRef", "Class");
  resolveRef(ctx, record, "DepartmentRef", "Department");
  record.TxnDate = txnDate(ctx, record, previous);
  if (!isBlank(record.StartTime) || !isBlank(record.EndTime)) {
    requireFields(record, ["StartTime", "EndTime"]);
    spanTime(record);
  } else {
    if (isBlank(record.Hours) && isBlank(record.Minutes)) throw faults.requiredParam("Hours");
    record.Hours = whole(record, "Hours", 999);
    record.Minutes = whole(record, "Minutes", 59);
  }
  const status = isBlank(record.BillableStatus) ? "NotBillable" : String(record.BillableStatus);
  if (!BILLABLE.includes(status)) throw faults.invalidValue("BillableStatus", `Invalid BillableStatus: ${status}`);
  if (status !== "NotBillable" && isBlank(record.CustomerRef)) throw faults.businessValidation("Billable time needs a customer.", "CustomerRef");
  record.BillableStatus = status;
  for (const field of ["HourlyRate", "CostRate"]) {
    if (isBlank(record[field])) continue;
    const rate = parseDecimal(record[field]);
    if (rate === undefined || rate < 0n) throw faults.invalidValue(field, `Invalid number for ${field}: ${String(record[field])}`);
    record[field] = decimalToNumber(rate);
  }
  record.Taxable = record.Taxable === true;
  return record as EntityRecord;
}

export const timeActivityRules: EntityRules = {
  fields: FIELDS,
  required: ["NameOf"],
  prepare: prepareTimeActivity,
};
