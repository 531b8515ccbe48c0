// Payment: money received from a customer, applied line by line to invoices (`LinkedTxn` Invoice) and paid
// partly with the customer's credit memos (`LinkedTxn` CreditMemo). TotalAmt = invoices - credits + what is
// left unapplied (`UnappliedAmt`). Invoices and credit memos are kept in step in afterSave/beforeRemove.
import type { EntityRecord } from "../../state";
import type { RealmContext } from "../context";
import { faults } from "../faults";
import { appliedTo, linkedDocuments, refreshDocuments, type Applied } from "./applications";
import { refreshCustomers } from "./balances";
import { isBlank, isObject, linesOf, recordOf, refValue, requireFields, stringValue, txnDate, type Json } from "./common";
import { RECEIVE_INTO, checkAccountType } from "./account-roles";
import { applyCurrency, partyCurrencyOf } from "./currency";
import { guardDepositedUpdate, refuseIfDeposited, withDepositLink } from "./deposit-links";
import { requiredAmount } from "./lines";
import { centsToAmount, toCents } from "./money";
import { accountBySubType, accountRefOrDefault, requireRef, resolveRef } from "./refs";
import { setTotal, zeroTotals } from "./txn";
import type { EntityRules } from "./types";

const FIELDS = [
  "TotalAmt",
  "CustomerRef",
  "CurrencyRef",
  "ExchangeRate",
  "HomeTotalAmt",
  "PrivateNote",
  "PaymentMethodRef",
  "PaymentRefNum",
  "UnappliedAmt",
  "DepositToAccountRef",
  "ARAccountRef",
  "Line",
  "TxnDate",
  "TxnSource",
  "CreditCardPayment",
  "TransactionLocationType",
  "TaxExemptionRef",
  "ProcessPayment",
  "LinkedTxn",
  "ProjectRef",
];

const APPLIES_TO: readonly Applied[] = ["Invoice", "CreditMemo"];

/** One payment line: its amount and the invoice or credit memo it names, checked. */
function paymentLine(ctx: RealmContext, line: Json, customerId: string): { cents: number; target: Applied; id: string } {
  const cents = requiredAmount(line);
  if (cents < 0) throw faults.businessValidation("A payment line amount can't be negative.", "Line.Amount");
  const links = Array.isArray(line.LinkedTxn) ? line.LinkedTxn : [];
  if (links.length === 0) throw faults.requiredParam("Line.LinkedTxn");
  if (links.length > 1) throw faults.invalidValue("Line.LinkedTxn", "Each payment line applies to one transaction; use one line per invoice or credit memo.");
  const link: unknown = links[0];
  const id = isObject(link) ? stringValue(link.TxnId) : undefined;
  const type = isObject(link) ? stringValue(link.TxnType) : undefined;
  if (!id) throw faults.requiredParam("Line.LinkedTxn.TxnId");
  if (!type || !(APPLIES_TO as readonly string[]).includes(type)) throw faults.invalidValue("Line.LinkedTxn.TxnType", `A payment can be applied to an Invoice or a CreditMemo, not ${String(type)}`);
  const target = recordOf(ctx, type, id);
  if (!target) throw faults.invalidReference("Line.LinkedTxn.TxnId", id);
  if (refValue(target.CustomerRef) !== customerId) {
    throw faults.businessValidation(`${type} ${id} belongs to another customer.`, "Line.LinkedTxn");
  }
  line.LinkedTxn = [{ TxnId: id, TxnType: type }];
  return { cents, target: type as Applied, id };
}

function preparePayment(ctx: RealmContext, record: Json, previous: EntityRecord | undefined): EntityRecord {
  requireFields(record, ["TotalAmt", "CustomerRef"]);
  const customer = requireRef(ctx, record, "CustomerRef", "Customer");
  const total = toCents(record.TotalAmt);
  if (total === undefined) throw faults.invalidValue("TotalAmt", `Invalid number for TotalAmt: ${String(record.TotalAmt)}`);
  if (total < 0) throw faults.businessValidation("A payment amount can't be negative.", "TotalAmt");
  checkAccountType(accountRefOrDefault(ctx, record, "DepositToAccountRef", accountBySubType(ctx, "UndepositedFunds")), RECEIVE_INTO, "DepositToAccountRef");
  resolveRef(ctx, record, "ARAccountRef", "Account");
  const date = txnDate(ctx, record, previous);
  record.TxnDate = date;
  const rate = applyCurrency(ctx, record, date, partyCurrencyOf(ctx, customer));

  const lines = linesOf(record.Line);
  const perTarget = new Map<string, { target: Applied; id: string; cents: number }>();
  let invoices = 0;
  let credits = 0;
  for (const line of lines) {
    const { cents, target, id } = paymentLine(ctx, line, customer.Id);
    const key = `${target}:${id}`;
    const entry = perTarget.get(key) ?? { target, id, cents: 0 };
    entry.cents += cents;
    perTarget.set(key, entry);
    if (target === "Invoice") invoices += cents;
    else credits += cents;
  }
  // Over-applying: more than an invoice still owes (or a credit memo still has) is refused.
  for (const { target, id, cents } of perTarget.values()) {
    const doc = recordOf(ctx, target, id)!;
    const open = (toCents(doc.TotalAmt) ?? 0) - (toCents(doc.Deposit) ?? 0) - appliedTo(ctx, target, id, String(record.Id)).cents;
    if (cents > open) {
      throw faults.businessValidation(`The amount applied to ${target} ${id} (${centsToAmount(cents)}) is more than its open balance (${centsToAmount(open)}).`, "Line.Amount");
    }
  }
  if (credits > invoices) throw faults.businessValidation("Credits applied can't be more than the invoices they pay.", "Line");
  const applied = invoices - credits;
  if (applied > total) {
    throw faults.businessValidation(`The amounts applied (${centsToAmount(applied)}) are more than the payment total (${centsToAmount(total)}).`, "TotalAmt");
  }
  record.Line = lines;
  setTotal(record, total, rate);
  record.UnappliedAmt = centsToAmount(total - applied);
  record.ProcessPayment = record.ProcessPayment ?? false;
  record.LinkedTxn = withDepositLink(ctx, "Payment", String(record.Id), record.LinkedTxn);
  guardDepositedUpdate(ctx, "Payment", previous, record);
  return record as EntityRecord;
}

export const paymentRules: EntityRules = {
  fields: FIELDS,
  required: ["TotalAmt", "CustomerRef"],
  prepare: preparePayment,
  afterSave(ctx, saved, previous) {
    refreshDocuments(ctx, [...linkedDocuments(saved), ...linkedDocuments(previous)]);
    refreshCustomers(ctx, [refValue(saved.CustomerRef), refValue(previous?.CustomerRef)]);
  },
  beforeRemove(ctx, record, mode) {
    refuseIfDeposited(ctx, "Payment", record);
    if (mode !== "delete") return;
    // Delete: the payment is still stored while this runs, so it is left out of the recomputation.
    refreshDocuments(ctx, linkedDocuments(record), record.Id);
    refreshCustomers(ctx, [refValue(record.CustomerRef)], { entity: "Payment", id: record.Id });
  },
  voided: (_ctx, record) => ({
    ...zeroTotals(record),
    Line: linesOf(record.Line).map((line) => (isBlank(line.Amount) ? line : { ...line, Amount: 0 })),
  }),
};
