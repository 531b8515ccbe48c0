// Per-entity rules, keyed by entity name. Transactions are wrapped so every write, void and delete also
// moves the running account balances (ledger.ts).
import { accountRules } from "./account";
import { attachableRules } from "./attachable";
import { budgetRules } from "./budget";
import { estimateRules } from "./estimate";
import { paymentMethodRules, termRules } from "./terms";
import { timeActivityRules } from "./time-activity";
import { purchaseOrderRules, vendorCreditRules } from "./vendor-documents";
import { billPaymentRules } from "./bill-payment";
import { companyInfoRules, exchangeRateRules, preferencesRules } from "./company";
import { depositRules } from "./deposit";
import { itemRules } from "./item";
import { journalEntryRules } from "./journal-entry";
import { checkPostings } from "../books/check";
import { repost } from "./ledger";
import { classRules, currencyRules, departmentRules, taxCodeRules, taxRateRules } from "./lists";
import { customerRules, employeeRules, vendorRules } from "./names";
import { paymentRules } from "./payment";
import { billRules, purchaseRules } from "./purchases";
import { creditMemoRules, invoiceRules, refundReceiptRules, salesReceiptRules } from "./sales";
import { taxAgencyRules } from "./tax-agency";
import type { EntityRules } from "./types";

function posting(entity: string, rules: EntityRules): EntityRules {
  return {
    ...rules,
    prepare(ctx, record, previous) {
      const prepared = rules.prepare ? rules.prepare(ctx, record, previous) : record;
      checkPostings(ctx, entity, prepared);
      return prepared;
    },
    afterSave(ctx, saved, previous) {
      rules.afterSave?.(ctx, saved, previous);
      repost(ctx, entity, saved, previous);
    },
    beforeRemove(ctx, record, mode) {
      rules.beforeRemove?.(ctx, record, mode);
      // A void is saved (and reposted) through afterSave; a delete only passes here.
      if (mode === "delete") repost(ctx, entity, undefined, record);
    },
  };
}

const TRANSACTIONS: Record<string, EntityRules> = {
  Invoice: invoiceRules,
  SalesReceipt: salesReceiptRules,
  Payment: paymentRules,
  RefundReceipt: refundReceiptRules,
  CreditMemo: creditMemoRules,
  Deposit: depositRules,
  JournalEntry: journalEntryRules,
  Purchase: purchaseRules,
  Bill: billRules,
  BillPayment: billPaymentRules,
  VendorCredit: vendorCreditRules,
};

/** Per-entity rules, keyed by entity name. An entity without rules accepts any field and computes nothing. */
export const RULES: Record<string, EntityRules> = {
  Account: accountRules,
  Customer: customerRules,
  Vendor: vendorRules,
  Employee: employeeRules,
  Item: itemRules,
  Class: classRules,
  Department: departmentRules,
  TaxCode: taxCodeRules,
  TaxRate: taxRateRules,
  TaxAgency: taxAgencyRules,
  Currency: currencyRules,
  ...Object.fromEntries(Object.entries(TRANSACTIONS).map(([entity, rules]) => [entity, posting(entity, rules)])),
  // Non-posting documents and other records: no ledger wrapper.
  Estimate: estimateRules,
  PurchaseOrder: purchaseOrderRules,
  TimeActivity: timeActivityRules,
  Term: termRules,
  PaymentMethod: paymentMethodRules,
  Budget: budgetRules,
  Attachable: attachableRules,
  ExchangeRate: exchangeRateRules,
  CompanyInfo: companyInfoRules,
  Preferences: preferencesRules,
};
