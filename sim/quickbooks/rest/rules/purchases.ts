// Purchase (an expense, check or credit card charge paid at once) and Bill (owed to a vendor, paid later by
// BillPayment). Tax: as given in the US, computed from the lines' codes elsewhere (purchase-tax.ts).
import type { EntityRecord } from "../../state";
import type { RealmContext } from "../context";
import { faults } from "../faults";
import { appliedTo, balanceFields, mergeLinks } from "./applications";
import { refreshVendors } from "./balances";
import { checkDate, isBlank, refValue, requireFields, txnDate, type Json } from "./common";
import { applyCurrency, homeCurrency, partyCurrencyOf } from "./currency";
import { controlAccount } from "../books/accounts";
import { expenseLines } from "./expense-lines";
import { centsToAmount } from "./money";
import { accountRefOrDefault, requireRef, resolveParty, resolveRef } from "./refs";
import { purchaseTax } from "./purchase-tax";
import { grossInput, taxModeOf } from "./tax-mode";
import { assignDocNumber, setTotal } from "./txn";
import type { EntityRules } from "./types";

const COMMON_FIELDS = [
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
  "TxnSource",
  "TransactionLocationType",
  "IncludeInAnnualTPAR",
  "LinkedTxn",
  "RecurDataRef",
];

const PURCHASE_FIELDS = [...COMMON_FIELDS, "AccountRef", "PaymentType", "EntityRef", "Credit", "RemitToAddr", "PrintStatus", "PaymentMethodRef", "PurchaseEx"];
const BILL_FIELDS = [...COMMON_FIELDS, "VendorRef", "APAccountRef", "DueDate", "SalesTermRef", "Balance", "HomeBalance", "VendorAddr"];

/** Which account a payment type draws on. */
const PAYMENT_ACCOUNT: Record<string, string[]> = { Cash: ["Bank", "Other Current Asset"], Check: ["Bank"], CreditCard: ["Credit Card"] };

function preparePurchase(ctx: RealmContext, record: Json, previous: EntityRecord | undefined): EntityRecord {
  requireFields(record, ["AccountRef", "PaymentType", "Line"]);
  const type = String(record.PaymentType);
  const allowed = Object.hasOwn(PAYMENT_ACCOUNT, type) ? PAYMENT_ACCOUNT[type] : undefined;
  if (!allowed) throw faults.invalidValue("PaymentType", `Invalid PaymentType: ${type}. Expected Cash, Check or CreditCard`);
  const account = requireRef(ctx, record, "AccountRef", "Account");
  if (!allowed.includes(String(account.AccountType))) {
    throw faults.businessValidation(`A ${type} purchase must be paid from a ${allowed.join(" or ")} account.`, "AccountRef");
  }
  const party = resolveParty(ctx, record, "EntityRef", "EntityRef", ["Vendor", "Customer", "Employee"]);
  resolveRef(ctx, record, "DepartmentRef", "Department");
  const date = txnDate(ctx, record, previous);
  record.TxnDate = date;
  assignDocNumber(ctx, "Purchase", record, previous);
  const rate = applyCurrency(ctx, record, date, party?.entity === "Vendor" ? partyCurrencyOf(ctx, party.record) : undefined);
  const mode = taxModeOf(ctx, record);
  record.Line = grossInput(record.Line, mode);
  const { lines, totalCents } = expenseLines(ctx, record);
  const tax = purchaseTax(ctx, record, lines, totalCents, mode);
  record.Line = lines;
  if (tax.detail) record.TxnTaxDetail = tax.detail;
  setTotal(record, tax.netCents + tax.totalCents, rate);
  record.Credit = record.Credit === true;
  return record as EntityRecord;
}

function prepareBill(ctx: RealmContext, record: Json, previous: EntityRecord | undefined): EntityRecord {
  requireFields(record, ["VendorRef", "Line"]);
  const vendor = requireRef(ctx, record, "VendorRef", "Vendor");
  resolveRef(ctx, record, "DepartmentRef", "Department");
  const date = txnDate(ctx, record, previous);
  record.TxnDate = date;
  record.DueDate = isBlank(record.DueDate) ? date : checkDate(record.DueDate, "DueDate");
  assignDocNumber(ctx, "Bill", record, previous);
  const rate = applyCurrency(ctx, record, date, partyCurrencyOf(ctx, vendor));
  // A/P is kept per currency: a foreign bill defaults to its currency's A/P (the ledger opens it on first use).
  accountRefOrDefault(ctx, record, "APAccountRef", controlAccount(ctx, "Accounts Payable", refValue(record.CurrencyRef) ?? homeCurrency(ctx), false));
  const mode = taxModeOf(ctx, record);
  record.Line = grossInput(record.Line, mode);
  const { lines, totalCents } = expenseLines(ctx, record);
  const tax = purchaseTax(ctx, record, lines, totalCents, mode);
  record.Line = lines;
  if (tax.detail) record.TxnTaxDetail = tax.detail;
  const total = tax.netCents + tax.totalCents;
  setTotal(record, total, rate);
  const applied = appliedTo(ctx, "Bill", String(record.Id));
  if (total - applied.cents < 0) {
    throw faults.businessValidation(`Bill payments of ${centsToAmount(applied.cents)} are applied to this bill; its total can't go below that.`, "TotalAmt");
  }
  Object.assign(record, balanceFields(ctx, record, "Bill", total - applied.cents));
  record.LinkedTxn = mergeLinks(record.LinkedTxn, applied.links);
  return record as EntityRecord;
}

export const purchaseRules: EntityRules = {
  fields: PURCHASE_FIELDS,
  required: ["AccountRef", "PaymentType", "Line"],
  prepare: preparePurchase,
};

export const billRules: EntityRules = {
  fields: BILL_FIELDS,
  required: ["VendorRef", "Line"],
  prepare: prepareBill,
  afterSave(ctx, saved, previous) {
    refreshVendors(ctx, [refValue(saved.VendorRef), refValue(previous?.VendorRef)]);
  },
  beforeRemove(ctx, record) {
    if (appliedTo(ctx, "Bill", record.Id).cents !== 0) throw faults.businessValidation("This bill has payments applied. Remove them before you delete it.");
    refreshVendors(ctx, [refValue(record.VendorRef)], { entity: "Bill", id: record.Id });
  },
};
