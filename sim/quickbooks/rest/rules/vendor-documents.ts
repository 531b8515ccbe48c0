// PurchaseOrder (non-posting: an order to a vendor, Open until billed or closed) and VendorCredit (posts:
// Dr A/P, Cr the expense lines; the ledger owns its postings). Both take purchase lines (expense-lines.ts).
import type { EntityRecord } from "../../state";
import type { RealmContext } from "../context";
import { faults } from "../faults";
import { refreshVendors } from "./balances";
import { checkDate, isBlank, refValue, requireFields, txnDate, type Json } from "./common";
import { applyCurrency, homeCurrency, partyCurrencyOf } from "./currency";
import { controlAccount } from "../books/accounts";
import { expenseLines } from "./expense-lines";
import { accountRefOrDefault, requireRef, resolveRef } from "./refs";
import { purchaseTax } from "./purchase-tax";
import { grossInput, taxModeOf } from "./tax-mode";
import { assignDocNumber, setTotal } from "./txn";
import type { EntityRules } from "./types";

const COMMON = [
  "VendorRef",
  "APAccountRef",
  "Line",
  "TxnDate",
  "DocNumber",
  "PrivateNote",
  "CurrencyRef",
  "ExchangeRate",
  "DepartmentRef",
  "TxnTaxDetail",
  "GlobalTaxCalculation",
  "TotalAmt",
  "HomeTotalAmt",
  "LinkedTxn",
  "TxnSource",
  "TransactionLocationType",
  "RecurDataRef",
  "CustomField",
];

const PO_FIELDS = [...COMMON, "POStatus", "DueDate", "ShipAddr", "VendorAddr", "ShipTo", "ShipMethodRef", "POEmail", "EmailStatus", "PrintStatus", "Memo", "ClassRef", "SalesTermRef"];
const CREDIT_FIELDS = [...COMMON, "Balance", "HomeBalance", "IncludeInAnnualTPAR", "VendorAddr"];

/** What both forms share: vendor, A/P account, date, currency, lines and total. */
function prepareVendorDocument(ctx: RealmContext, entity: string, record: Json, previous: EntityRecord | undefined): void {
  requireFields(record, ["VendorRef", "Line"]);
  const vendor = requireRef(ctx, record, "VendorRef", "Vendor");
  resolveRef(ctx, record, "DepartmentRef", "Department");
  const date = txnDate(ctx, record, previous);
  record.TxnDate = date;
  assignDocNumber(ctx, entity, record, previous);
  const rate = applyCurrency(ctx, record, date, partyCurrencyOf(ctx, vendor));
  // A/P is kept per currency, as on bills.
  const currency = refValue(record.CurrencyRef) ?? homeCurrency(ctx);
  const ap = accountRefOrDefault(ctx, record, "APAccountRef", controlAccount(ctx, "Accounts Payable", currency, false));
  if (ap && ap.AccountType !== "Accounts Payable") throw faults.businessValidation("APAccountRef must be an Accounts Payable account.", "APAccountRef");
  // Tax as on bills: computed from the lines' codes outside the US, given in the US.
  const mode = taxModeOf(ctx, record);
  record.Line = grossInput(record.Line, mode);
  const { lines, totalCents } = expenseLines(ctx, record);
  const tax = purchaseTax(ctx, record, lines, totalCents, mode);
  record.Line = lines;
  if (tax.detail) record.TxnTaxDetail = tax.detail;
  const total = tax.netCents + tax.totalCents;
  if (total < 0) throw faults.businessValidation(`The ${entity} total can't be negative.`, "TotalAmt");
  setTotal(record, total, rate);
}

const PO_STATUSES = ["Open", "Closed"];

export const purchaseOrderRules: EntityRules = {
  fields: PO_FIELDS,
  required: ["VendorRef", "Line"],
  prepare(ctx, record, previous) {
    prepareVendorDocument(ctx, "PurchaseOrder", record, previous);
    resolveRef(ctx, record, "ClassRef", "Class");
    resolveRef(ctx, record, "SalesTermRef", "Term");
    if (!isBlank(record.DueDate)) checkDate(record.DueDate, "DueDate");
    const status = isBlank(record.POStatus) ? "Open" : String(record.POStatus);
    if (!PO_STATUSES.includes(status)) throw faults.invalidValue("POStatus", `Invalid POStatus: ${status}. Expected Open or Closed`);
    record.POStatus = status;
    record.EmailStatus = record.EmailStatus ?? "NotSet";
    return record as EntityRecord;
  },
};

export const vendorCreditRules: EntityRules = {
  fields: CREDIT_FIELDS,
  required: ["VendorRef", "Line"],
  prepare(ctx, record, previous) {
    prepareVendorDocument(ctx, "VendorCredit", record, previous);
    // Choice: applying vendor credits to bills is not simulated, so the whole credit stays unapplied.
    record.Balance = record.TotalAmt;
    if (record.HomeTotalAmt !== undefined) record.HomeBalance = record.HomeTotalAmt;
    else delete record.HomeBalance;
    return record as EntityRecord;
  },
  afterSave(ctx, saved, previous) {
    refreshVendors(ctx, [refValue(saved.VendorRef), refValue(previous?.VendorRef)]);
  },
  beforeRemove(ctx, record) {
    refreshVendors(ctx, [refValue(record.VendorRef)], { entity: "VendorCredit", id: record.Id });
  },
};
