// What the reports read: the chart of accounts (ordered and nested as QuickBooks lists it) and the journal
// lines in the home currency, with helpers for balances over a date range. Amounts are integer cents;
// "natural" amounts read positive on an account's normal side (debits for assets and expenses, credits for
// liabilities, equity and income), as QuickBooks prints them on its reports.
import type { RealmContext } from "../context";
import { records } from "../store";
import { refValue } from "../rules/common";
import { accountTypeInfo } from "../rules/account-types";
import { journalLines, type JournalLine, type ReportBasis } from "../books/journal";
import { addAll, cell, dataRow, isZero, money, moneyOrBlank, section, type ReportRow } from "./rows";

export type Account = {
  id: string;
  name: string;
  fullName: string;
  type: string;
  subType: string;
  classification: string;
  parentId?: string;
  active: boolean;
  description: string;
};

/** QuickBooks' order of account types on its lists and reports. */
export const TYPE_ORDER = [
  "Bank",
  "Accounts Receivable",
  "Other Current Asset",
  "Fixed Asset",
  "Other Asset",
  "Accounts Payable",
  "Credit Card",
  "Other Current Liability",
  "Long Term Liability",
  "Equity",
  "Income",
  "Cost of Goods Sold",
  "Expense",
  "Other Income",
  "Other Expense",
];

const typeRank = (type: string) => {
  const rank = TYPE_ORDER.indexOf(type);
  return rank < 0 ? TYPE_ORDER.length : rank;
};

/** Every account (inactive ones too: their history still counts), by type then full name. */
export function chartOf(ctx: RealmContext): Account[] {
  const accounts = Object.values(records(ctx, "Account")).map((record): Account => {
    const type = String(record.AccountType ?? "");
    const name = String(record.Name ?? "");
    const parentId = refValue(record.ParentRef);
    return {
      id: record.Id,
      name,
      fullName: String(record.FullyQualifiedName ?? name),
      type,
      subType: String(record.AccountSubType ?? ""),
      classification: String(record.Classification ?? accountTypeInfo(type)?.classification ?? ""),
      ...(parentId ? { parentId } : {}),
      active: record.Active !== false,
      description: typeof record.Description === "string" ? record.Description : "",
    };
  });
  return accounts.sort((a, b) => typeRank(a.type) - typeRank(b.type) || a.fullName.localeCompare(b.fullName) || Number(a.id) - Number(b.id));
}

export const isProfitAndLoss = (account: Account): boolean => account.classification === "Revenue" || account.classification === "Expense";
const creditNormal = (account: Account): boolean => account.classification === "Liability" || account.classification === "Equity" || account.classification === "Revenue";

/** A debit-positive amount on the account's normal side. */
export function natural(account: Account, cents: number): number {
  return creditNormal(account) ? -cents : cents;
}

export type Books = {
  accounts: Account[];
  byId: Map<string, Account>;
  lines: JournalLine[];
};

export function booksOf(ctx: RealmContext, basis: ReportBasis): Books {
  const accounts = chartOf(ctx);
  return { accounts, byId: new Map(accounts.map((a) => [a.id, a])), lines: journalLines(ctx, { basis }) };
}

/** Debit-positive home-currency totals per account of the lines dated within [from, to] (either end open). */
export function totalsBetween(books: Books, from: string | undefined, to: string | undefined): Map<string, number> {
  const totals = new Map<string, number>();
  for (const line of books.lines) {
    if ((from !== undefined && line.txnDate < from) || (to !== undefined && line.txnDate > to)) continue;
    totals.set(line.accountId, (totals.get(line.accountId) ?? 0) + line.homeAmount);
  }
  return totals;
}

/** Debit-positive profit and loss (income and expense lines) within [from, to]: negative is a profit. */
export function profitAndLossBetween(books: Books, from: string | undefined, to: string | undefined): number {
  let total = 0;
  for (const [id, cents] of totalsBetween(books, from, to)) {
    const account = books.byId.get(id);
    if (account && isProfitAndLoss(account)) total += cents;
  }
  return total;
}

/** The Retained Earnings account QuickBooks closes prior years into. */
export function retainedEarnings(books: Books): Account | undefined {
  return books.accounts.find((a) => a.subType === "RetainedEarnings" && a.active) ?? books.accounts.find((a) => a.subType === "RetainedEarnings");
}

/**
 * Rows for a set of accounts nested as QuickBooks nests sub-accounts: a leaf is a Data row; a parent with
 * shown children is a Section whose Header carries its own amount (blank when zero) and whose Summary says
 * "Total {name}" over itself and its sub-accounts. Accounts whose whole subtree is zero are left out.
 */
export function accountRows(accounts: Account[], amounts: (account: Account) => number[], width: number): { rows: ReportRow[]; totals: number[] } {
  const ids = new Set(accounts.map((a) => a.id));
  const children = new Map<string, Account[]>();
  const roots: Account[] = [];
  for (const account of accounts) {
    if (account.parentId && ids.has(account.parentId)) {
      const list = children.get(account.parentId) ?? [];
      list.push(account);
      children.set(account.parentId, list);
    } else {
      roots.push(account);
    }
  }
  const build = (account: Account): { row?: ReportRow; totals: number[] } => {
    const own = amounts(account);
    const kids = (children.get(account.id) ?? []).map(build);
    const shown = kids.filter((k) => k.row !== undefined);
    const totals = addAll([own, ...kids.map((k) => k.totals)], width);
    if (shown.length === 0) {
      return isZero(own) ? { totals } : { row: dataRow([cell(account.name, account.id), ...own.map((c) => cell(moneyOrBlank(c)))]), totals };
    }
    return {
      row: section({
        header: [cell(account.name, account.id), ...own.map((c) => cell(moneyOrBlank(c)))],
        rows: shown.map((k) => k.row!),
        summary: [cell(`Total ${account.name}`), ...totals.map((c) => cell(money(c)))],
      }),
      totals,
    };
  };
  const built = roots.map(build);
  return { rows: built.flatMap((b) => (b.row ? [b.row] : [])), totals: addAll(built.map((b) => b.totals), width) };
}
