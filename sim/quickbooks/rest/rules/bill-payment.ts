// BillPayment: pays a vendor's bills by check (from a bank account) or credit card. Each line applies an
// amount to one Bill; the bills' Balance and LinkedTxn follow (applications.ts), as for customer payments.
import type { EntityRecord } from "../../state";
import type { RealmContext } from "../context";
import { faults } from "../faults";
import { appliedTo, linkedDocuments, refreshDocuments } from "./applications";
import { refreshVendors } from "./balances";
import { isBlank, isObject, linesOf, recordOf, refValue, requireFields, stringValue, txnDate, type Json } from "./common";
import { applyCurrency, partyCurrencyOf } from "./currency";
import { requiredAmount } from "./lines";
import { centsToAmount, toCents } from "./money";
import { accountByType, accountRefOrDefault, requireRef, resolveRef } from "./refs";
import { assignDocNumber, setTotal, zeroTotals } from "./txn";
import type { EntityRules } from "./types";

const FIELDS = [
  "VendorRef",
  "PayType",
  "TotalAmt",
  "HomeTotalAmt",
  "Line",
  "CheckPayment",
  "CreditCardPayment",
  "APAccountRef",
  "TxnDate",
  "DocNumber",
  "PrivateNote",
  "CurrencyRef",
  "ExchangeRate",
  "DepartmentRef",
  "ProcessBillPayment",
  "TxnSource",
  "TransactionLocationType",
  "LinkedTxn",
];

function payFrom(ctx: RealmContext, record: Json): void {
  if (record.PayType === "Check") {
    const check: Json = isObject(record.CheckPayment) ? { ...record.CheckPayment } : {};
    const bank = requireRef(ctx, check, "BankAccountRef", "Account", "CheckPayment.BankAccountRef");
    if (bank.AccountType !== "Bank") throw faults.businessValidation("A check is paid from a bank account.", "CheckPayment.BankAccountRef");
    check.PrintStatus = check.PrintStatus ?? "NotSet";
    record.CheckPayment = check;
    delete record.CreditCardPayment;
  } else if (record.PayType === "CreditCard") {
    const card: Json = isObject(record.CreditCardPayment) ? { ...record.CreditCardPayment } : {};
    const account = requireRef(ctx, card, "CCAccountRef", "Account", "CreditCardPayment.CCAccountRef");
    if (account.AccountType !== "Credit Card") throw faults.businessValidation("A credit card payment is paid from a credit card account.", "CreditCardPayment.CCAccountRef");
    record.CreditCardPayment = card;
    delete record.CheckPayment;
  } else {
    throw faults.invalidValue("PayType", `Invalid PayType: ${String(record.PayType)}. Expected Check or CreditCard`);
  }
}

function billLine(ctx: RealmContext, line: Json, vendorId: string): { cents: number; id: string } {
  const cents = requiredAmount(line);
  if (cents < 0) throw faults.businessValidation("A bill payment line amount can't be negative.", "Line.Amount");
  const links = Array.isArray(line.LinkedTxn) ? line.LinkedTxn : [];
  if (links.length !== 1 || !isObject(links[0])) throw faults.requiredParam("Line.LinkedTxn");
  const link = links[0];
  const id = stringValue(link.TxnId);
  if (!id) throw faults.requiredParam("Line.LinkedTxn.TxnId");
  if (link.TxnType !== "Bill") throw faults.invalidValue("Line.LinkedTxn.TxnType", `A bill payment applies to a Bill, not ${String(link.TxnType)}`);
  const bill = recordOf(ctx, "Bill", id);
  if (!bill) throw faults.invalidReference("Line.LinkedTxn.TxnId", id);
  if (refValue(bill.VendorRef) !== vendorId) throw faults.businessValidation(`Bill ${id} belongs to another vendor.`, "Line.LinkedTxn");
  line.LinkedTxn = [{ TxnId: id, TxnType: "Bill" }];
  return { cents, id };
}

function prepareBillPayment(ctx: RealmContext, record: Json, previous: EntityRecord | undefined): EntityRecord {
  requireFields(record, ["VendorRef", "PayType", "TotalAmt", "Line"]);
  const vendor = requireRef(ctx, record, "VendorRef", "Vendor");
  payFrom(ctx, record);
  accountRefOrDefault(ctx, record, "APAccountRef", accountByType(ctx, "Accounts Payable"));
  resolveRef(ctx, record, "DepartmentRef", "Department");
  const total = toCents(record.TotalAmt);
  if (total === undefined || total < 0) throw faults.invalidValue("TotalAmt", `Invalid TotalAmt: ${String(record.TotalAmt)}`);
  const date = txnDate(ctx, record, previous);
  record.TxnDate = date;
  assignDocNumber(ctx, "BillPayment", record, previous);
  const rate = applyCurrency(ctx, record, date, partyCurrencyOf(ctx, vendor));

  const lines = linesOf(record.Line);
  if (lines.length === 0) throw faults.requiredParam("Line");
  const perBill = new Map<string, number>();
  let applied = 0;
  for (const line of lines) {
    const { cents, id } = billLine(ctx, line, vendor.Id);
    perBill.set(id, (perBill.get(id) ?? 0) + cents);
    applied += cents;
  }
  for (const [id, cents] of perBill) {
    const bill = recordOf(ctx, "Bill", id)!;
    const open = (toCents(bill.TotalAmt) ?? 0) - appliedTo(ctx, "Bill", id, String(record.Id)).cents;
    if (cents > open) throw faults.businessValidation(`The amount applied to Bill ${id} (${centsToAmount(cents)}) is more than its open balance (${centsToAmount(open)}).`, "Line.Amount");
  }
  if (applied > total) {
    throw faults.businessValidation(`The amounts applied (${centsToAmount(applied)}) are more than the payment total (${centsToAmount(total)}).`, "TotalAmt");
  }
  record.Line = lines;
  setTotal(record, total, rate);
  return record as EntityRecord;
}

export const billPaymentRules: EntityRules = {
  fields: FIELDS,
  required: ["VendorRef", "PayType", "TotalAmt", "Line"],
  prepare: prepareBillPayment,
  afterSave(ctx, saved, previous) {
    refreshDocuments(ctx, [...linkedDocuments(saved), ...linkedDocuments(previous)]);
    refreshVendors(ctx, [refValue(saved.VendorRef), refValue(previous?.VendorRef)]);
  },
  beforeRemove(ctx, record, mode) {
    if (mode !== "delete") return;
    refreshDocuments(ctx, linkedDocuments(record), record.Id);
    refreshVendors(ctx, [refValue(record.VendorRef)]);
  },
  voided: (_ctx, record) => ({
    ...zeroTotals(record),
    Line: linesOf(record.Line).map((line) => (isBlank(line.Amount) ? line : { ...line, Amount: 0 })),
  }),
};
