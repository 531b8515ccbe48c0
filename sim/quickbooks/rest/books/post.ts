// What each transaction posts: its journal lines, per account, in its own currency and in the home currency.
// Pure over the realm's records (no writes, except that a foreign A/R or A/P account is created on first use
// when `create` is set). Settlements (payments, bill payments, deposits of received payments) clear each
// document at the rate that document was booked at; the home-currency difference is the realised exchange
// gain or loss, as QuickBooks books it.
import type { JournalLine } from "../../state";
import type { RealmContext } from "../context";
import { findRecord } from "../store";
import { isObject, linesOf, recordOf, refValue, type Json } from "../rules/common";
import { homeCurrency } from "../rules/currency";
import { convertCents, parseDecimal, toCents } from "../rules/money";
import { taxPostingsOf } from "../rules/tax-postings";
import { incomeAccountOfLine } from "../rules/shipping";
import { controlAccount, gainLossAccount } from "./accounts";

type Draft = { accountId: string | undefined; amount: number; home?: number; anchor?: boolean; memo?: string; name?: JournalLine["name"] };

export type PostOptions = {
  /** Create a missing foreign-currency A/R or A/P account (false while a write is only being checked). */
  create: boolean;
};

const cents = (value: unknown) => toCents(value) ?? 0;

/** Placeholder id of a control account that will be created when the write is stored. */
export const PENDING_PREFIX = "pending:";

function rateOf(ctx: RealmContext, record: Json): bigint | null {
  const currency = refValue(record.CurrencyRef) ?? homeCurrency(ctx);
  if (currency === homeCurrency(ctx)) return null;
  return parseDecimal(record.ExchangeRate) ?? null;
}

const toHomeAt = (amount: number, rate: bigint | null) => (rate === null ? amount : convertCents(amount, rate));

function currencyOf(ctx: RealmContext, record: Json): string {
  return refValue(record.CurrencyRef) ?? homeCurrency(ctx);
}

function control(ctx: RealmContext, type: "Accounts Receivable" | "Accounts Payable", record: Json, options: PostOptions): string {
  const given = refValue(type === "Accounts Receivable" ? record.ARAccountRef : record.APAccountRef);
  if (given) return given;
  const currency = currencyOf(ctx, record);
  return controlAccount(ctx, type, currency, options.create)?.Id ?? `${PENDING_PREFIX}${type}:${currency}`;
}

function partyOf(record: Json, field: string, type: string): JournalLine["name"] {
  const ref = record[field];
  const id = refValue(ref);
  if (!id || !isObject(ref)) return undefined;
  const refType = typeof ref.type === "string" ? ref.type : type;
  return { type: refType, id, ...(typeof ref.name === "string" ? { name: ref.name } : {}) };
}

function lineMemo(line: Json): string | undefined {
  return typeof line.Description === "string" && line.Description !== "" ? line.Description : undefined;
}

function salesLines(ctx: RealmContext, drafts: Draft[], record: Json, sign: number): void {
  for (const line of linesOf(record.Line)) {
    if (line.DetailType === "SalesItemLineDetail" && isObject(line.SalesItemLineDetail)) {
      drafts.push({ accountId: incomeAccountOfLine(ctx, line.SalesItemLineDetail), amount: -sign * cents(line.Amount), memo: lineMemo(line) });
    } else if (line.DetailType === "DiscountLineDetail" && isObject(line.DiscountLineDetail)) {
      drafts.push({ accountId: refValue(line.DiscountLineDetail.DiscountAccountRef), amount: sign * cents(line.Amount), memo: lineMemo(line) });
    }
  }
}

function expenseLines(ctx: RealmContext, drafts: Draft[], record: Json, sign: number): void {
  for (const line of linesOf(record.Line)) {
    const byAccount = isObject(line.AccountBasedExpenseLineDetail) ? refValue(line.AccountBasedExpenseLineDetail.AccountRef) : undefined;
    const item = isObject(line.ItemBasedExpenseLineDetail) ? recordOf(ctx, "Item", refValue(line.ItemBasedExpenseLineDetail.ItemRef)) : undefined;
    drafts.push({ accountId: byAccount ?? refValue(item?.AssetAccountRef) ?? refValue(item?.ExpenseAccountRef), amount: sign * cents(line.Amount), memo: lineMemo(line) });
  }
}

function taxLines(ctx: RealmContext, drafts: Draft[], entity: string, record: Json): void {
  for (const [accountId, amount] of taxPostingsOf(ctx, entity, record)) drafts.push({ accountId, amount });
}

/** A line clearing a linked document: in the document's currency amount, at the document's own rate. */
function settle(ctx: RealmContext, drafts: Draft[], type: "Accounts Receivable" | "Accounts Payable", doc: Json | undefined, amount: number, options: PostOptions): void {
  if (!doc || amount === 0) return;
  drafts.push({ accountId: control(ctx, type, doc, options), amount, home: toHomeAt(amount, rateOf(ctx, doc)) });
}

function linkOf(line: Json): { id: string; type: string } | undefined {
  const first: unknown = Array.isArray(line.LinkedTxn) ? line.LinkedTxn[0] : undefined;
  if (!isObject(first)) return undefined;
  const id = first.TxnId;
  const type = first.TxnType;
  return (typeof id === "string" || typeof id === "number") && typeof type === "string" ? { id: String(id), type } : undefined;
}

function paymentLines(ctx: RealmContext, drafts: Draft[], record: Json, options: PostOptions): void {
  const total = cents(record.TotalAmt);
  drafts.push({ accountId: refValue(record.DepositToAccountRef), amount: total, anchor: true });
  let applied = 0;
  for (const line of linesOf(record.Line)) {
    const link = linkOf(line);
    const amount = cents(line.Amount);
    if (!link) continue;
    const doc = recordOf(ctx, link.type, link.id);
    const sign = link.type === "CreditMemo" ? 1 : -1;
    settle(ctx, drafts, "Accounts Receivable", doc, sign * amount, options);
    applied -= sign * amount;
  }
  if (total - applied !== 0) drafts.push({ accountId: control(ctx, "Accounts Receivable", record, options), amount: -(total - applied) });
}

function billPaymentLines(ctx: RealmContext, drafts: Draft[], record: Json, options: PostOptions): void {
  const total = cents(record.TotalAmt);
  const from = isObject(record.CheckPayment) ? refValue(record.CheckPayment.BankAccountRef) : isObject(record.CreditCardPayment) ? refValue(record.CreditCardPayment.CCAccountRef) : undefined;
  drafts.push({ accountId: from, amount: -total, anchor: true });
  let applied = 0;
  for (const line of linesOf(record.Line)) {
    const link = linkOf(line);
    if (!link) continue;
    const amount = cents(line.Amount);
    const sign = link.type === "VendorCredit" ? -1 : 1;
    settle(ctx, drafts, "Accounts Payable", recordOf(ctx, link.type, link.id), sign * amount, options);
    applied += sign * amount;
  }
  if (total - applied !== 0) drafts.push({ accountId: control(ctx, "Accounts Payable", record, options), amount: total - applied });
}

function depositLines(ctx: RealmContext, drafts: Draft[], record: Json): void {
  drafts.push({ accountId: refValue(record.DepositToAccountRef), amount: cents(record.TotalAmt), anchor: true });
  for (const line of linesOf(record.Line)) {
    const link = linkOf(line);
    const amount = cents(line.Amount);
    if (link) {
      // The received payment sits in Undeposited Funds at the rate it was received at.
      const txn = recordOf(ctx, link.type, link.id);
      drafts.push({ accountId: refValue(txn?.DepositToAccountRef), amount: -amount, home: toHomeAt(-amount, txn ? rateOf(ctx, txn) : null), memo: lineMemo(line) });
    } else if (isObject(line.DepositLineDetail)) {
      drafts.push({ accountId: refValue(line.DepositLineDetail.AccountRef), amount: -amount, memo: lineMemo(line), name: partyOf(line.DepositLineDetail, "Entity", "Customer") });
    }
  }
  if (isObject(record.CashBack)) drafts.push({ accountId: refValue(record.CashBack.AccountRef), amount: cents(record.CashBack.Amount), memo: typeof record.CashBack.Memo === "string" ? record.CashBack.Memo : undefined });
}

function journalEntryLines(drafts: Draft[], record: Json): void {
  for (const line of linesOf(record.Line)) {
    if (!isObject(line.JournalEntryLineDetail)) continue;
    const detail = line.JournalEntryLineDetail;
    const sign = detail.PostingType === "Debit" ? 1 : -1;
    const entity = isObject(detail.Entity) ? detail.Entity : undefined;
    const name = entity ? partyOf(entity, "EntityRef", typeof entity.Type === "string" ? entity.Type : "Customer") : undefined;
    drafts.push({ accountId: refValue(detail.AccountRef), amount: sign * cents(line.Amount), memo: lineMemo(line), name });
  }
}

function drafted(ctx: RealmContext, entity: string, record: Json, options: PostOptions): Draft[] {
  const drafts: Draft[] = [];
  const total = cents(record.TotalAmt);
  switch (entity) {
    case "Invoice":
      drafts.push({ accountId: control(ctx, "Accounts Receivable", record, options), amount: total, anchor: true });
      salesLines(ctx, drafts, record, 1);
      break;
    case "SalesReceipt":
      drafts.push({ accountId: refValue(record.DepositToAccountRef), amount: total, anchor: true });
      salesLines(ctx, drafts, record, 1);
      break;
    case "CreditMemo":
      drafts.push({ accountId: control(ctx, "Accounts Receivable", record, options), amount: -total, anchor: true });
      salesLines(ctx, drafts, record, -1);
      break;
    case "RefundReceipt":
      drafts.push({ accountId: refValue(record.DepositToAccountRef), amount: -total, anchor: true });
      salesLines(ctx, drafts, record, -1);
      break;
    case "Payment":
      paymentLines(ctx, drafts, record, options);
      break;
    case "Deposit":
      depositLines(ctx, drafts, record);
      break;
    case "JournalEntry":
      journalEntryLines(drafts, record);
      break;
    case "Purchase": {
      // A credit card credit (a refund from the vendor) runs the other way.
      const sign = record.Credit === true ? -1 : 1;
      drafts.push({ accountId: refValue(record.AccountRef), amount: -sign * total, anchor: true });
      expenseLines(ctx, drafts, record, sign);
      break;
    }
    case "Bill":
      drafts.push({ accountId: control(ctx, "Accounts Payable", record, options), amount: -total, anchor: true });
      expenseLines(ctx, drafts, record, 1);
      break;
    case "VendorCredit":
      drafts.push({ accountId: control(ctx, "Accounts Payable", record, options), amount: total, anchor: true });
      expenseLines(ctx, drafts, record, -1);
      break;
    case "BillPayment":
      billPaymentLines(ctx, drafts, record, options);
      break;
    default:
      return [];
  }
  if (["Invoice", "SalesReceipt", "CreditMemo", "RefundReceipt", "Purchase", "Bill", "VendorCredit"].includes(entity)) taxLines(ctx, drafts, entity, record);
  return drafts;
}

const SETTLEMENTS = new Set(["Payment", "BillPayment", "Deposit"]);

/**
 * The journal lines of a stored (or about to be stored) transaction. Home amounts are each line converted at
 * the transaction's rate (settled documents at theirs). What rounding leaves over goes, on a settlement, to
 * Exchange Gain or Loss (that is what a rate difference is) and otherwise onto the largest non-total line, so
 * the total's home amount is always HomeTotalAmt.
 */
export function journalOf(ctx: RealmContext, entity: string, record: Json | undefined, options: PostOptions): JournalLine[] {
  if (!record) return [];
  const rate = rateOf(ctx, record);
  const drafts = drafted(ctx, entity, record, options).filter((d) => d.amount !== 0 || (d.home ?? 0) !== 0);
  for (const draft of drafts) draft.home ??= toHomeAt(draft.amount, rate);
  const residual = drafts.reduce((sum, d) => sum + d.home!, 0);
  if (residual !== 0) {
    const linkedDeposit = entity === "Deposit" && drafts.some((d) => d.home !== toHomeAt(d.amount, rate));
    if (SETTLEMENTS.has(entity) && (entity !== "Deposit" || linkedDeposit)) {
      drafts.push({ accountId: gainLossAccount(ctx)?.Id, amount: 0, home: -residual, memo: "Realised exchange gain or loss" });
    } else {
      const largest = drafts.filter((d) => !d.anchor).sort((a, b) => Math.abs(b.amount) - Math.abs(a.amount))[0] ?? drafts[0];
      if (largest) largest.home! -= residual;
    }
  }
  const currency = currencyOf(ctx, record);
  const base = {
    txnType: entity,
    txnId: String(record.Id),
    txnDate: String(record.TxnDate),
    ...(typeof record.DocNumber === "string" && record.DocNumber !== "" ? { docNumber: record.DocNumber } : {}),
  };
  const party = partyOf(record, "CustomerRef", "Customer") ?? partyOf(record, "VendorRef", "Vendor") ?? partyOf(record, "EntityRef", "Vendor");
  const note = typeof record.PrivateNote === "string" && record.PrivateNote !== "" ? record.PrivateNote : undefined;
  return drafts.map((d) => {
    const name = d.name ?? party;
    const memo = d.memo ?? note;
    return { ...base, accountId: d.accountId ?? "", currency, amount: d.amount, homeAmount: d.home!, ...(name ? { name } : {}), ...(memo ? { memo } : {}) };
  });
}

/** Whether the account id names a stored account (a placeholder or missing account is a simulator bug). */
export function isStoredAccount(ctx: RealmContext, id: string): boolean {
  return findRecord(ctx, "Account", id) !== undefined;
}
