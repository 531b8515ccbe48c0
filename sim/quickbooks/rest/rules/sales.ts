// Invoice, SalesReceipt, CreditMemo and RefundReceipt: one pipeline, with each form's own required fields,
// accounts and balance. Shapes follow the SalesReceipt capture (SubTotal line, CurrencyRef, PrintStatus ...).
import type { EntityRecord } from "../../state";
import type { RealmContext } from "../context";
import { faults } from "../faults";
import { appliedTo, balanceFields, mergeLinks, type Applied } from "./applications";
import { refreshCustomers, type Excluded } from "./balances";
import { checkDate, isBlank, isObject, refValue, requireFields, txnDate, type Json } from "./common";
import { RECEIVE_INTO, REFUND_FROM, checkAccountType } from "./account-roles";
import { applyCurrency, partyCurrencyOf } from "./currency";
import { guardDepositedUpdate, refuseIfDeposited, withDepositLink } from "./deposit-links";
import { centsToAmount, toCents } from "./money";
import { accountBySubType, accountRefOrDefault, requireRef, resolveRef } from "./refs";
import { salesLines, zeroSalesLines } from "./sales-lines";
import { zeroTax } from "./tax";
import { documentSalesTax } from "./sales-tax";
import { grossInput, taxModeOf } from "./tax-mode";
import { assignDocNumber, setTotal, zeroTotals } from "./txn";
import type { EntityRules } from "./types";

const COMMON_FIELDS = [
  "Line",
  "CustomerRef",
  "DocNumber",
  "AutoDocNumber",
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
  "Balance",
  "HomeBalance",
  "TxnSource",
  "TransactionLocationType",
  "ShipMethodRef",
  "ShipDate",
  "TrackingNum",
  "ProjectRef",
  "LinkedTxn",
  "TaxExemptionRef",
  "RecurDataRef",
];

type SalesForm = {
  name: "Invoice" | "SalesReceipt" | "CreditMemo" | "RefundReceipt";
  extraFields: string[];
  required: string[];
  /** Documents with an open balance that payments reduce. */
  applied?: Applied;
  /** Documents that take money into an account (SalesReceipt defaults to Undeposited Funds). */
  depositTo?: "default-undeposited" | "required";
  depositable?: boolean;
};

const FORMS: SalesForm[] = [
  {
    name: "Invoice",
    required: ["CustomerRef", "Line"],
    applied: "Invoice",
    extraFields: ["DueDate", "SalesTermRef", "Deposit", "DepositToAccountRef", "AllowIPNPayment", "AllowOnlinePayment", "AllowOnlineCreditCardPayment", "AllowOnlineACHPayment", "InvoiceLink", "EInvoiceStatus", "ECloudStatusTimeStamp"],
  },
  {
    name: "SalesReceipt",
    required: ["Line"],
    depositTo: "default-undeposited",
    depositable: true,
    extraFields: ["DepositToAccountRef", "PaymentMethodRef", "PaymentRefNum", "CreditCardPayment"],
  },
  { name: "CreditMemo", required: ["CustomerRef", "Line"], applied: "CreditMemo", extraFields: ["RemainingCredit", "InvoiceRef", "SalesTermRef", "PaymentMethodRef"] },
  {
    name: "RefundReceipt",
    required: ["Line", "DepositToAccountRef"],
    depositTo: "required",
    extraFields: ["DepositToAccountRef", "PaymentMethodRef", "PaymentRefNum", "PaymentType", "CheckPayment", "CreditCardPayment"],
  },
];

function prepareSales(ctx: RealmContext, form: SalesForm, record: Json, previous: EntityRecord | undefined): EntityRecord {
  requireFields(record, form.required);
  const customer = form.required.includes("CustomerRef") ? requireRef(ctx, record, "CustomerRef", "Customer") : resolveRef(ctx, record, "CustomerRef", "Customer");
  resolveRef(ctx, record, "DepartmentRef", "Department");
  resolveRef(ctx, record, "ClassRef", "Class");
  const depositTo =
    form.depositTo === "default-undeposited"
      ? accountRefOrDefault(ctx, record, "DepositToAccountRef", accountBySubType(ctx, "UndepositedFunds"))
      : resolveRef(ctx, record, "DepositToAccountRef", "Account");
  checkAccountType(depositTo, form.name === "RefundReceipt" ? REFUND_FROM : RECEIVE_INTO, "DepositToAccountRef");

  const date = txnDate(ctx, record, previous);
  record.TxnDate = date;
  if (form.name === "Invoice") record.DueDate = isBlank(record.DueDate) ? date : checkDate(record.DueDate, "DueDate");
  assignDocNumber(ctx, form.name, record, previous);
  const rate = applyCurrency(ctx, record, date, customer ? partyCurrencyOf(ctx, customer) : undefined);

  const afterDiscount = record.ApplyTaxAfterDiscount === true;
  record.ApplyTaxAfterDiscount = afterDiscount;
  const mode = taxModeOf(ctx, record);
  record.Line = grossInput(record.Line, mode);
  const lines = salesLines(ctx, record, afterDiscount);
  const tax = documentSalesTax(ctx, record, lines, mode);
  record.Line = lines.lines;
  if (tax.detail) record.TxnTaxDetail = tax.detail;
  else delete record.TxnTaxDetail;
  const total = tax.netSubtotalCents - lines.discountCents + tax.taxCents;
  if (total < 0) throw faults.businessValidation(`The ${form.name} total can't be negative.`, "TotalAmt");
  setTotal(record, total, rate);

  record.PrintStatus = record.PrintStatus ?? "NeedToPrint";
  record.EmailStatus = record.EmailStatus ?? "NotSet";
  record.CustomField = record.CustomField ?? [];
  if (form.name === "Invoice") {
    record.Deposit = record.Deposit ?? 0;
    for (const flag of ["AllowIPNPayment", "AllowOnlinePayment", "AllowOnlineCreditCardPayment", "AllowOnlineACHPayment"]) record[flag] = record[flag] ?? false;
  }
  // A new document takes the customer's billing address and email, as the QuickBooks forms do.
  if (!previous && customer) {
    if (isBlank(record.BillAddr) && isObject(customer.BillAddr)) record.BillAddr = customer.BillAddr;
    if (isBlank(record.BillEmail) && isObject(customer.PrimaryEmailAddr)) record.BillEmail = customer.PrimaryEmailAddr;
  }

  const id = String(record.Id);
  if (form.applied) {
    const applied = appliedTo(ctx, form.applied, id);
    const deposit = form.name === "Invoice" ? toCents(record.Deposit) ?? 0 : 0;
    const balance = total - deposit - applied.cents;
    if (balance < 0) {
      throw faults.businessValidation(`Payments and credits of ${centsToAmount(applied.cents)} are applied to this ${form.name}; its total can't go below that.`, "TotalAmt");
    }
    Object.assign(record, balanceFields(ctx, record, form.applied, balance));
    record.LinkedTxn = mergeLinks(record.LinkedTxn, applied.links);
  } else {
    record.Balance = 0;
    if (form.depositable) record.LinkedTxn = withDepositLink(ctx, form.name, id, record.LinkedTxn);
  }
  if (form.depositable) guardDepositedUpdate(ctx, form.name, previous, record);
  return record as EntityRecord;
}

function salesRules(form: SalesForm): EntityRules {
  return {
    fields: [...COMMON_FIELDS, ...form.extraFields],
    required: form.required,
    prepare: (ctx, record, previous) => prepareSales(ctx, form, record, previous),
    afterSave(ctx, saved, previous) {
      refreshCustomers(ctx, [refValue(saved.CustomerRef), refValue(previous?.CustomerRef)]);
    },
    beforeRemove(ctx, record, mode) {
      if (form.depositable) refuseIfDeposited(ctx, form.name, record);
      // Choice: QuickBooks' UI unlinks payments from a voided or deleted invoice and leaves them as credits;
      // the API is stricter in practice, so the simulator refuses (6000) while payments or credits are applied.
      if (form.applied && appliedTo(ctx, form.applied, record.Id).cents !== 0) {
        const what = form.name === "Invoice" ? "payments applied" : "its credit applied to invoices";
        throw faults.businessValidation(`This ${form.name} has ${what}. Remove them before you ${mode} it.`);
      }
      if (mode === "delete") {
        const excluded: Excluded = { entity: form.name, id: record.Id };
        refreshCustomers(ctx, [refValue(record.CustomerRef)], excluded);
      }
    },
    voided: (_ctx, record) => ({
      ...zeroTotals(record),
      Line: zeroSalesLines(record.Line),
      ...(record.TxnTaxDetail ? { TxnTaxDetail: zeroTax(record.TxnTaxDetail) } : {}),
    }),
  };
}

export const invoiceRules = salesRules(FORMS[0]!);
export const salesReceiptRules = salesRules(FORMS[1]!);
export const creditMemoRules = salesRules(FORMS[2]!);
export const refundReceiptRules = salesRules(FORMS[3]!);
