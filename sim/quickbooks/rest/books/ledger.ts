// The general ledger, write side: each transaction's journal lines are stored under "Entity:Id" and replaced
// on every create, update, void and delete; account balances move by the difference. Account opening
// balances post against Opening Balance Equity, as QuickBooks books them.
import type { EntityRecord, JournalLine } from "../../state";
import type { RealmContext } from "../context";
import { findRecord, records } from "../store";
import { accountTypeInfo, isBalanceSheet } from "../rules/account-types";
import { isObject, linesOf, refValue } from "../rules/common";
import { homeCurrency } from "../rules/currency";
import { centsToAmount, toCents } from "../rules/money";
import { accountCurrency, openingBalanceEquity } from "./accounts";
import { journalOf } from "./post";
import { rateFor } from "../rules/currency";
import { convertCents } from "../rules/money";

/** Entities whose writes post to the books. */
export const POSTING_ENTITIES = ["Invoice", "SalesReceipt", "Payment", "RefundReceipt", "CreditMemo", "Deposit", "JournalEntry", "Purchase", "Bill", "VendorCredit", "BillPayment"];

const key = (entity: string, id: string) => `${entity}:${id}`;

/**
 * Assets read positive when debited; liabilities and equity positive when credited, except Accounts Payable,
 * which Intuit's own Account samples print negative while money is owed (CurrentBalance -1091.23 on A/P).
 */
function readsAsDebit(accountType: string): boolean {
  return accountTypeInfo(accountType)?.classification === "Asset" || accountType === "Accounts Payable";
}

/** An account's balance moves in its own currency: foreign accounts by the foreign amount, others by home. */
function inAccountCurrency(ctx: RealmContext, account: EntityRecord, line: JournalLine): number {
  const currency = accountCurrency(ctx, account);
  return currency !== homeCurrency(ctx) && line.currency === currency ? line.amount : line.homeAmount;
}

function moveBalances(ctx: RealmContext, lines: JournalLine[], sign: number, touched: Set<string>): void {
  for (const line of lines) {
    const account = findRecord(ctx, "Account", line.accountId);
    if (!account) continue;
    touched.add(account.Id);
    // Income and expense accounts show no running balance in QuickBooks; the reports give their figures.
    if (!isBalanceSheet(String(account.AccountType))) continue;
    const moved = inAccountCurrency(ctx, account, line);
    const debitNormal = readsAsDebit(String(account.AccountType));
    account.CurrentBalance = centsToAmount((toCents(account.CurrentBalance) ?? 0) + sign * (debitNormal ? moved : -moved));
  }
}

function replaceLines(ctx: RealmContext, books: Record<string, JournalLine[]>, id: string, lines: JournalLine[], touched: Set<string>): void {
  moveBalances(ctx, books[id] ?? [], -1, touched);
  if (lines.length) books[id] = lines;
  else delete books[id];
  moveBalances(ctx, lines, 1, touched);
}

/** Transactions whose postings depend on this one's rate or amounts: settlements that link to it. */
function dependents(ctx: RealmContext, entity: string, id: string): [string, EntityRecord][] {
  const settlers: Record<string, string> = { Invoice: "Payment", CreditMemo: "Payment", Bill: "BillPayment", VendorCredit: "BillPayment", Payment: "Deposit", SalesReceipt: "Deposit" };
  const settler = settlers[entity];
  if (!settler) return [];
  return Object.values(records(ctx, settler))
    .filter((record) => linesOf(record.Line).some((line) => Array.isArray(line.LinkedTxn) && line.LinkedTxn.some((l: unknown) => isObject(l) && String(l.TxnId) === id && l.TxnType === entity)))
    .map((record) => [settler, record]);
}

/** After a transaction is written, voided or deleted (`saved` undefined): its lines, and its settlements'. */
export function repostTransaction(ctx: RealmContext, entity: string, saved: EntityRecord | undefined, previous: EntityRecord | undefined): void {
  const books = booksOf(ctx);
  const id = saved?.Id ?? previous?.Id;
  if (!id) return;
  const touched = new Set<string>();
  replaceLines(ctx, books, key(entity, id), journalOf(ctx, entity, saved, { create: true }), touched);
  if (previous) for (const [type, record] of dependents(ctx, entity, id)) replaceLines(ctx, books, key(type, record.Id), journalOf(ctx, type, record, { create: true }), touched);
  refreshAccountTotals(ctx, touched);
}

/** Opening balance lines of an account: the amount on the account, the other side on Opening Balance Equity. */
function openingLines(ctx: RealmContext, account: EntityRecord): JournalLine[] {
  const opening = toCents(account.OpeningBalance) ?? 0;
  const equity = openingBalanceEquity(ctx);
  if (opening === 0 || !equity || equity.Id === account.Id || !isBalanceSheet(String(account.AccountType))) return [];
  const currency = accountCurrency(ctx, account);
  const date = typeof account.OpeningBalanceDate === "string" ? account.OpeningBalanceDate : String(account.MetaData.CreateTime).slice(0, 10);
  const rate = rateFor(ctx, currency, date);
  const debit = readsAsDebit(String(account.AccountType)) && account.AccountType !== "Accounts Payable" ? opening : -opening;
  const home = rate === undefined ? debit : convertCents(debit, rate);
  const base = { txnType: "OpeningBalance", txnId: account.Id, txnDate: date, memo: "Opening Balance" };
  return [
    { ...base, accountId: account.Id, currency, amount: debit, homeAmount: home },
    { ...base, accountId: equity.Id, currency, amount: -debit, homeAmount: -home },
  ];
}

/** A new account's opening balance (QuickBooks takes it on create only). */
export function postOpeningBalance(ctx: RealmContext, account: EntityRecord): void {
  const touched = new Set<string>();
  replaceLines(ctx, booksOf(ctx), key("OpeningBalance", account.Id), openingLines(ctx, account), touched);
  refreshAccountTotals(ctx, touched);
}

/**
 * The stored general ledger. A state file saved before the simulator kept one is rebuilt from its records;
 * what its balance-sheet accounts held beyond their transactions becomes their opening balance, so a saved
 * demo company keeps its figures.
 */
export function booksOf(ctx: RealmContext): Record<string, JournalLine[]> {
  if (ctx.realm.books) return ctx.realm.books;
  const books: Record<string, JournalLine[]> = {};
  ctx.realm.books = books;
  const accounts = Object.values(records(ctx, "Account")).filter((a) => isBalanceSheet(String(a.AccountType)));
  const stored = new Map(accounts.map((a) => [a.Id, toCents(a.CurrentBalance) ?? 0]));
  for (const account of accounts) account.CurrentBalance = 0;
  const touched = new Set<string>();
  // Transactions share one Id sequence: posting in Id order creates foreign A/R and A/P accounts as they were.
  const all = POSTING_ENTITIES.flatMap((entity) => Object.values(records(ctx, entity)).map((record) => [entity, record] as const));
  all.sort((a, b) => Number(a[1].Id) - Number(b[1].Id));
  for (const [entity, record] of all) replaceLines(ctx, books, key(entity, record.Id), journalOf(ctx, entity, record, { create: true }), touched);
  const equity = openingBalanceEquity(ctx);
  for (const account of accounts) {
    const missing = (stored.get(account.Id) ?? 0) - (toCents(account.CurrentBalance) ?? 0);
    if (account.OpeningBalance === undefined && missing !== 0 && account.Id !== equity?.Id) account.OpeningBalance = centsToAmount(missing);
    replaceLines(ctx, books, key("OpeningBalance", account.Id), openingLines(ctx, account), touched);
  }
  refreshAccountTotals(ctx, touched);
  return books;
}

/** CurrentBalanceWithSubAccounts: own balance plus every sub-account's, from each account up to the top. */
export function refreshAccountTotals(ctx: RealmContext, ids: Iterable<string | undefined>): void {
  const all = Object.values(records(ctx, "Account"));
  for (const id of new Set(ids)) {
    for (let at = id ? findRecord(ctx, "Account", id) : undefined; at; ) {
      const current: EntityRecord = at;
      const children = all.filter((a) => refValue(a.ParentRef) === current.Id);
      current.CurrentBalanceWithSubAccounts = centsToAmount((toCents(current.CurrentBalance) ?? 0) + children.reduce((sum, c) => sum + (toCents(c.CurrentBalanceWithSubAccounts) ?? 0), 0));
      const parentId = refValue(current.ParentRef);
      at = parentId ? findRecord(ctx, "Account", parentId) : undefined;
    }
  }
}
