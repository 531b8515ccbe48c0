// Running account balances. Each transaction posts debits (+) and credits (-) to accounts; a balance-sheet
// account's CurrentBalance moves by them (see readsAsDebit for the sign). Income and expense accounts stay at
// 0, as QuickBooks shows them. Balances are derived, so they are rewritten in place without a new SyncToken.
import type { EntityRecord } from "../../state";
import type { RealmContext } from "../context";
import { findRecord, records } from "../store";
import { accountTypeInfo, isBalanceSheet } from "./account-types";
import { isObject, linesOf, recordOf, refValue, type Json } from "./common";
import { homeCurrency } from "./currency";
import { centsToAmount, convertCents, parseDecimal, toCents } from "./money";
import { accountBySubType, accountByType } from "./refs";

type Postings = Map<string, number>;

function post(postings: Postings, accountId: string | undefined, cents: number): void {
  if (!accountId || cents === 0) return;
  postings.set(accountId, (postings.get(accountId) ?? 0) + cents);
}

const cents = (value: unknown) => toCents(value) ?? 0;

/** The account a sales line credits: its item's income account. */
function salesLinePostings(ctx: RealmContext, postings: Postings, record: Json, sign: number): void {
  for (const line of linesOf(record.Line)) {
    if (line.DetailType === "SalesItemLineDetail" && isObject(line.SalesItemLineDetail)) {
      const item = recordOf(ctx, "Item", refValue(line.SalesItemLineDetail.ItemRef));
      post(postings, refValue(item?.IncomeAccountRef), -sign * cents(line.Amount));
    } else if (line.DetailType === "DiscountLineDetail" && isObject(line.DiscountLineDetail)) {
      post(postings, refValue(line.DiscountLineDetail.DiscountAccountRef), sign * cents(line.Amount));
    }
  }
  const tax = isObject(record.TxnTaxDetail) ? cents(record.TxnTaxDetail.TotalTax) : 0;
  post(postings, accountBySubType(ctx, "SalesTaxPayable")?.Id, -sign * tax);
}

function expenseLinePostings(ctx: RealmContext, postings: Postings, record: Json, sign: number): void {
  for (const line of linesOf(record.Line)) {
    const account = isObject(line.AccountBasedExpenseLineDetail) ? refValue(line.AccountBasedExpenseLineDetail.AccountRef) : undefined;
    const item = isObject(line.ItemBasedExpenseLineDetail) ? recordOf(ctx, "Item", refValue(line.ItemBasedExpenseLineDetail.ItemRef)) : undefined;
    post(postings, account ?? refValue(item?.AssetAccountRef) ?? refValue(item?.ExpenseAccountRef), sign * cents(line.Amount));
  }
}

/** Debits (+) and credits (-) in the transaction's own currency, by account id. */
export function postingsOf(ctx: RealmContext, entity: string, record: Json | undefined): Postings {
  const postings: Postings = new Map();
  if (!record) return postings;
  const total = cents(record.TotalAmt);
  const ar = refValue(record.ARAccountRef) ?? accountByType(ctx, "Accounts Receivable")?.Id;
  const ap = refValue(record.APAccountRef) ?? accountByType(ctx, "Accounts Payable")?.Id;
  const depositTo = refValue(record.DepositToAccountRef);
  switch (entity) {
    case "Invoice":
      post(postings, ar, total);
      salesLinePostings(ctx, postings, record, 1);
      break;
    case "SalesReceipt":
      post(postings, depositTo, total);
      salesLinePostings(ctx, postings, record, 1);
      break;
    case "CreditMemo":
      post(postings, ar, -total);
      salesLinePostings(ctx, postings, record, -1);
      break;
    case "RefundReceipt":
      post(postings, depositTo, -total);
      salesLinePostings(ctx, postings, record, -1);
      break;
    case "Payment":
      post(postings, depositTo, total);
      post(postings, ar, -total);
      break;
    case "Deposit":
      post(postings, depositTo, total);
      for (const line of linesOf(record.Line)) {
        const linked = Array.isArray(line.LinkedTxn) && line.LinkedTxn.length > 0;
        const account = linked ? accountBySubType(ctx, "UndepositedFunds")?.Id : isObject(line.DepositLineDetail) ? refValue(line.DepositLineDetail.AccountRef) : undefined;
        post(postings, account, -cents(line.Amount));
      }
      if (isObject(record.CashBack)) post(postings, refValue(record.CashBack.AccountRef), cents(record.CashBack.Amount));
      break;
    case "JournalEntry":
      for (const line of linesOf(record.Line)) {
        if (!isObject(line.JournalEntryLineDetail)) continue;
        const sign = line.JournalEntryLineDetail.PostingType === "Debit" ? 1 : -1;
        post(postings, refValue(line.JournalEntryLineDetail.AccountRef), sign * cents(line.Amount));
      }
      break;
    case "Purchase": {
      // A credit card credit (refund) runs the other way.
      const sign = record.Credit === true ? -1 : 1;
      post(postings, refValue(record.AccountRef), -sign * total);
      expenseLinePostings(ctx, postings, record, sign);
      break;
    }
    case "Bill":
      post(postings, ap, -total);
      expenseLinePostings(ctx, postings, record, 1);
      break;
    case "BillPayment": {
      const from = isObject(record.CheckPayment) ? refValue(record.CheckPayment.BankAccountRef) : isObject(record.CreditCardPayment) ? refValue(record.CreditCardPayment.CCAccountRef) : undefined;
      post(postings, ap, total);
      post(postings, from, -total);
      break;
    }
  }
  return postings;
}

/**
 * Assets read positive when debited; liabilities and equity positive when credited, except Accounts Payable,
 * which Intuit's own Account samples print negative while money is owed (CurrentBalance -1091.23 on A/P).
 */
function readsAsDebit(accountType: string): boolean {
  return accountTypeInfo(accountType)?.classification === "Asset" || accountType === "Accounts Payable";
}

/** Moves balances by `sign` × the record's postings, in each account's own currency. */
function apply(ctx: RealmContext, entity: string, record: Json | undefined, sign: number): Set<string> {
  const touched = new Set<string>();
  if (!record) return touched;
  const currency = refValue(record.CurrencyRef) ?? homeCurrency(ctx);
  const rate = parseDecimal(record.ExchangeRate);
  for (const [accountId, amount] of postingsOf(ctx, entity, record)) {
    const account = findRecord(ctx, "Account", accountId);
    if (!account || !isBalanceSheet(String(account.AccountType))) continue;
    const accountCurrency = refValue(account.CurrencyRef) ?? homeCurrency(ctx);
    const inAccount = accountCurrency === currency || rate === undefined ? amount : convertCents(amount, rate);
    const debitNormal = readsAsDebit(String(account.AccountType));
    account.CurrentBalance = centsToAmount(cents(account.CurrentBalance) + sign * (debitNormal ? inAccount : -inAccount));
    touched.add(accountId);
  }
  return touched;
}

/** After a write: undo what the previous version posted, post the new one. */
export function repost(ctx: RealmContext, entity: string, saved: EntityRecord | undefined, previous: EntityRecord | undefined): void {
  const touched = new Set([...apply(ctx, entity, previous, -1), ...apply(ctx, entity, saved, 1)]);
  refreshAccountTotals(ctx, touched);
}

/** CurrentBalanceWithSubAccounts: own balance plus every sub-account's, from each account up to the top. */
export function refreshAccountTotals(ctx: RealmContext, ids: Iterable<string | undefined>): void {
  const all = Object.values(records(ctx, "Account"));
  for (const id of new Set(ids)) {
    for (let at = id ? findRecord(ctx, "Account", id) : undefined; at; ) {
      const current: EntityRecord = at;
      const children = all.filter((a) => refValue(a.ParentRef) === current.Id);
      current.CurrentBalanceWithSubAccounts = centsToAmount(cents(current.CurrentBalance) + children.reduce((sum, c) => sum + cents(c.CurrentBalanceWithSubAccounts), 0));
      const parentId = refValue(current.ParentRef);
      at = parentId ? findRecord(ctx, "Account", parentId) : undefined;
    }
  }
}
