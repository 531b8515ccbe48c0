// Estimate: a quote to a customer, with sales lines and tax like an invoice but non-posting (no ledger, no
// customer balance). TxnStatus follows QuickBooks' Pending / Accepted / Closed / Rejected.
import type { EntityRecord } from "../../state";
import type { RealmContext } from "../context";
import { faults } from "../faults";
import { checkDate, isBlank, isObject, requireFields, txnDate, type Json } from "./common";
import { applyCurrency, partyCurrencyOf } from "./currency";
import { requireRef, resolveRef } from "./refs";
import { salesLines, zeroSalesLines } from "./sales-lines";
import { salesTax } from "./tax";
import { assignDocNumber, setTotal } from "./txn";
import type { EntityRules } from "./types";

const FIELDS = [
  "Line",
  "CustomerRef",
  "DocNumber",
  "TxnDate",
  "PrivateNote",
  "CustomerMemo",
  "BillAddr",
  "ShipAddr",
  "ShipFromAddr",
  "FreeFormAddress",
  "BillEmail",
  "BillEmailCc",
  "BillEmailBcc",
  "ClassRef",
  "DepartmentRef",
  "SalesTermRef",
  "TxnTaxDetail",
  "GlobalTaxCalculation",
  "ApplyTaxAfterDiscount",
  "PrintStatus",
  "EmailStatus",
  "DeliveryInfo",
  "CustomField",
  "CurrencyRef",
  "ExchangeRate",
  "TotalAmt",
  "HomeTotalAmt",
  "TxnStatus",
  "ExpirationDate",
  "AcceptedBy",
  "AcceptedDate",
  "DueDate",
  "ShipMethodRef",
  "ShipDate",
  "TrackingNum",
  "ProjectRef",
  "LinkedTxn",
  "TxnSource",
  "TransactionLocationType",
  "TaxExemptionRef",
  "RecurDataRef",
];

const STATUSES = ["Pending", "Accepted", "Closed", "Rejected"];

function prepareEstimate(ctx: RealmContext, record: Json, previous: EntityRecord | undefined): EntityRecord {
  requireFields(record, ["CustomerRef", "Line"]);
  const customer = requireRef(ctx, record, "CustomerRef", "Customer");
  resolveRef(ctx, record, "DepartmentRef", "Department");
  resolveRef(ctx, record, "ClassRef", "Class");
  resolveRef(ctx, record, "SalesTermRef", "Term");
  const date = txnDate(ctx, record, previous);
  record.TxnDate = date;
  for (const field of ["ExpirationDate", "AcceptedDate", "DueDate", "ShipDate"]) {
    if (!isBlank(record[field])) checkDate(record[field], field);
  }
  assignDocNumber(ctx, "Estimate", record, previous);
  const rate = applyCurrency(ctx, record, date, partyCurrencyOf(ctx, customer));

  const afterDiscount = record.ApplyTaxAfterDiscount === true;
  record.ApplyTaxAfterDiscount = afterDiscount;
  const lines = salesLines(ctx, record, afterDiscount);
  const tax = salesTax(ctx, record, lines.taxableCents);
  record.Line = lines.lines;
  if (tax.detail) record.TxnTaxDetail = tax.detail;
  else delete record.TxnTaxDetail;
  const total = lines.subtotalCents - lines.discountCents + tax.totalCents;
  if (total < 0) throw faults.businessValidation("The Estimate total can't be negative.", "TotalAmt");
  setTotal(record, total, rate);

  const status = isBlank(record.TxnStatus) ? "Pending" : String(record.TxnStatus);
  if (!STATUSES.includes(status)) throw faults.invalidValue("TxnStatus", `Invalid TxnStatus: ${status}. Expected ${STATUSES.join(", ")}`);
  record.TxnStatus = status;
  record.PrintStatus = record.PrintStatus ?? "NeedToPrint";
  record.EmailStatus = record.EmailStatus ?? "NotSet";
  record.CustomField = record.CustomField ?? [];
  if (!previous) {
    if (isBlank(record.BillAddr) && isObject(customer.BillAddr)) record.BillAddr = customer.BillAddr;
    if (isBlank(record.BillEmail) && isObject(customer.PrimaryEmailAddr)) record.BillEmail = customer.PrimaryEmailAddr;
  }
  return record as EntityRecord;
}

export const estimateRules: EntityRules = {
  fields: FIELDS,
  required: ["CustomerRef", "Line"],
  prepare: prepareEstimate,
  voided: (_ctx, record) => ({ ...record, TotalAmt: 0, Line: zeroSalesLines(record.Line) }),
};
