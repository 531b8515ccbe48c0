// What every transaction shares: document numbers, voided copies, and the money fingerprint used to refuse
// changes to deposited transactions.
import type { EntityRecord } from "../../state";
import type { RealmContext } from "../context";
import { faults } from "../faults";
import { findRecord, records } from "../store";
import { isBlank, isObject, refValue, type Json } from "./common";
import { centsToAmount } from "./money";
import { toHome } from "./currency";

/** Invoices, sales receipts, credit memos and refund receipts share one number sequence in QuickBooks. */
const SALES_FORMS = ["Invoice", "SalesReceipt", "CreditMemo", "RefundReceipt"];
/** A new sandbox company's first sales form is number 1001. */
const FIRST_NUMBER = 1001;
const DOC_NUMBER_MAX = 21;

function customTxnNumbers(ctx: RealmContext): boolean {
  const prefs = findRecord(ctx, "Preferences", "1");
  return isObject(prefs?.SalesFormsPrefs) && prefs.SalesFormsPrefs.CustomTxnNumbers === true;
}

function nextSalesNumber(ctx: RealmContext): string {
  let highest = FIRST_NUMBER - 1;
  for (const entity of SALES_FORMS) {
    for (const record of Object.values(records(ctx, entity))) {
      const doc = record.DocNumber;
      if (typeof doc === "string" && /^\d{1,15}$/.test(doc)) highest = Math.max(highest, Number(doc));
    }
  }
  return String(highest + 1);
}

/**
 * DocNumber as given (at most 21 characters), else the stored one on an update, else, for sales forms, the
 * next number of the shared sequence. With custom transaction numbers on, QuickBooks leaves a blank number
 * blank unless the request asks for `AutoDocNumber`.
 */
export function assignDocNumber(ctx: RealmContext, entity: string, record: Json, previous: EntityRecord | undefined): void {
  const auto = record.AutoDocNumber === true;
  delete record.AutoDocNumber;
  if (!isBlank(record.DocNumber)) {
    const doc = String(record.DocNumber);
    if (doc.length > DOC_NUMBER_MAX) throw faults.invalidValue("DocNumber", `DocNumber can be at most ${DOC_NUMBER_MAX} characters: ${doc}`);
    record.DocNumber = doc;
    return;
  }
  if (previous && !isBlank(previous.DocNumber)) {
    record.DocNumber = previous.DocNumber;
    return;
  }
  delete record.DocNumber;
  if (SALES_FORMS.includes(entity) && (auto || !customTxnNumbers(ctx))) record.DocNumber = nextSalesNumber(ctx);
}

/** TotalAmt and, for foreign-currency documents, HomeTotalAmt. */
export function setTotal(record: Json, totalCents: number, rate: bigint | null): void {
  record.TotalAmt = centsToAmount(totalCents);
  if (rate === null) delete record.HomeTotalAmt;
  else record.HomeTotalAmt = centsToAmount(toHome(totalCents, rate));
}

/** Amount fields zeroed on a voided document (lines are zeroed by the entity's own rules). */
export function zeroTotals(record: EntityRecord): EntityRecord {
  const zeroed: EntityRecord = { ...record, TotalAmt: 0 };
  for (const field of ["Balance", "HomeTotalAmt", "HomeBalance", "UnappliedAmt", "RemainingCredit"]) {
    if (field in zeroed) zeroed[field] = 0;
  }
  return zeroed;
}

/** The fields a deposit depends on: changing any of them on a deposited transaction is refused (6540). */
export function moneyFingerprint(record: Json): string {
  return JSON.stringify([
    record.TotalAmt,
    refValue(record.CurrencyRef),
    record.ExchangeRate ?? null,
    refValue(record.DepositToAccountRef),
    refValue(record.CustomerRef),
  ]);
}
