// Deposit: money moved into a bank (or other current asset) account. A line either links a payment or sales
// receipt waiting in Undeposited Funds (`LinkedTxn`), or posts an amount to an account
// (`DepositLineDetail.AccountRef`); negative account lines record fees netted out of a payout.
// TotalAmt = sum of lines - CashBack.
import type { EntityRecord } from "../../state";
import type { RealmContext } from "../context";
import { faults } from "../faults";
import { isBlank, isObject, linesOf, numberLines, recordOf, refValue, requireFields, stringValue, txnDate, type Json } from "./common";
import { applyCurrency } from "./currency";
import { DEPOSITABLE, depositOf, depositedLinks, refreshDeposited } from "./deposit-links";
import { requiredAmount } from "./lines";
import { centsToAmount, toCents } from "./money";
import { accountBySubType, requireRef, resolveParty, resolveRef } from "./refs";
import { setTotal } from "./txn";
import type { EntityRules } from "./types";

const FIELDS = [
  "DepositToAccountRef",
  "Line",
  "TxnDate",
  "DocNumber",
  "PrivateNote",
  "CurrencyRef",
  "ExchangeRate",
  "DepartmentRef",
  "CashBack",
  "TotalAmt",
  "HomeTotalAmt",
  "TxnTaxDetail",
  "GlobalTaxCalculation",
  "TxnSource",
  "TransactionLocationType",
  "RecurDataRef",
];

const DEPOSIT_ACCOUNT_TYPES = ["Bank", "Other Current Asset"];

/** A line depositing a payment or sales receipt: its whole amount, from Undeposited Funds, once. */
function linkedLine(ctx: RealmContext, line: Json, depositId: string, currency: string | undefined): number {
  const links = line.LinkedTxn as unknown[];
  if (links.length !== 1 || !isObject(links[0])) throw faults.invalidValue("Line.LinkedTxn", "A deposit line links exactly one transaction.");
  const link = links[0];
  const id = stringValue(link.TxnId);
  const type = stringValue(link.TxnType);
  if (!id) throw faults.requiredParam("Line.LinkedTxn.TxnId");
  if (!type || !(DEPOSITABLE as readonly string[]).includes(type)) {
    throw faults.invalidValue("Line.LinkedTxn.TxnType", `A deposit can link a Payment or a SalesReceipt, not ${String(type)}`);
  }
  const txn = recordOf(ctx, type, id);
  if (!txn) throw faults.invalidReference("Line.LinkedTxn.TxnId", id);
  const undeposited = accountBySubType(ctx, "UndepositedFunds");
  if (!undeposited || refValue(txn.DepositToAccountRef) !== undeposited.Id) {
    throw faults.businessValidation(`${type} ${id} was not received into Undeposited Funds, so it can't be deposited.`, "Line.LinkedTxn");
  }
  const other = depositOf(ctx, type, id, depositId);
  if (other) throw faults.businessValidation(`${type} ${id} is already on deposit ${other.Id}.`, "Line.LinkedTxn");
  if (currency && refValue(txn.CurrencyRef) && refValue(txn.CurrencyRef) !== currency) {
    throw faults.businessValidation(`${type} ${id} is in another currency than the deposit.`, "Line.LinkedTxn");
  }
  const total = toCents(txn.TotalAmt) ?? 0;
  if (isBlank(line.Amount)) line.Amount = centsToAmount(total);
  const cents = requiredAmount(line);
  if (cents !== total) throw faults.businessValidation(`The deposit line for ${type} ${id} must be its full amount (${centsToAmount(total)}).`, "Line.Amount");
  line.LinkedTxn = [{ TxnId: id, TxnType: type, TxnLineId: stringValue(link.TxnLineId) ?? "0" }];
  return cents;
}

/** A line posting straight to an account (other income, or a negative fee line). */
function accountLine(ctx: RealmContext, line: Json): number {
  const cents = requiredAmount(line);
  const detail: Json = isObject(line.DepositLineDetail) ? { ...line.DepositLineDetail } : {};
  requireRef(ctx, detail, "AccountRef", "Account", "Line.DepositLineDetail.AccountRef");
  resolveRef(ctx, detail, "ClassRef", "Class", "Line.DepositLineDetail.ClassRef");
  resolveParty(ctx, detail, "Entity", "Line.DepositLineDetail.Entity", undefined, { upperType: true });
  line.DetailType = "DepositLineDetail";
  line.DepositLineDetail = detail;
  return cents;
}

function prepareDeposit(ctx: RealmContext, record: Json, previous: EntityRecord | undefined): EntityRecord {
  requireFields(record, ["DepositToAccountRef", "Line"]);
  const account = requireRef(ctx, record, "DepositToAccountRef", "Account");
  if (!DEPOSIT_ACCOUNT_TYPES.includes(String(account.AccountType)) || account.AccountSubType === "UndepositedFunds") {
    throw faults.businessValidation("Deposits go to a bank or other current asset account.", "DepositToAccountRef");
  }
  resolveRef(ctx, record, "DepartmentRef", "Department");
  const date = txnDate(ctx, record, previous);
  record.TxnDate = date;
  const rate = applyCurrency(ctx, record, date);
  const currency = refValue(record.CurrencyRef);

  const lines = linesOf(record.Line);
  if (lines.length === 0) throw faults.requiredParam("Line");
  let total = 0;
  for (const line of lines) {
    total += Array.isArray(line.LinkedTxn) && line.LinkedTxn.length > 0 ? linkedLine(ctx, line, String(record.Id), currency) : accountLine(ctx, line);
  }
  if (isObject(record.CashBack)) {
    const cashBack: Json = { ...record.CashBack };
    total -= requiredAmount(cashBack, "CashBack.Amount");
    requireRef(ctx, cashBack, "AccountRef", "Account", "CashBack.AccountRef");
    record.CashBack = cashBack;
  }
  // Choice: a deposit whose fees exceed what it deposits is refused rather than posted as a withdrawal.
  if (total < 0) throw faults.businessValidation("A deposit's total can't be negative.", "Line.Amount");
  record.Line = numberLines(lines, { lineNum: true });
  setTotal(record, total, rate);
  return record as EntityRecord;
}

export const depositRules: EntityRules = {
  fields: FIELDS,
  required: ["DepositToAccountRef", "Line"],
  prepare: prepareDeposit,
  afterSave(ctx, saved, previous) {
    refreshDeposited(ctx, [...depositedLinks(saved), ...depositedLinks(previous)]);
  },
  beforeRemove(ctx, record) {
    refreshDeposited(ctx, depositedLinks(record), record.Id);
  },
};
