// GeneralLedger over the period: a Section per account with a Beginning Balance row, one row per journal
// line (Date, Transaction Type as QuickBooks prints it, Num, Name, Memo/Description, Split, Amount, running
// Balance) and a "Total for {account}" Summary of the period's amounts. Amounts read on the account's normal
// side. Sub-accounts nest inside their parent, whose Summary is "Total for {parent} with sub-accounts".
import type { RealmContext } from "../context";
import { findRecord } from "../store";
import { isObject, refValue } from "../rules/common";
import type { JournalLine } from "../books/journal";
import { booksOf, isProfitAndLoss, natural, retainedEarnings, totalsBetween, type Account, type Books } from "./chart";
import { reportHeader } from "./header";
import { addDays, basisOf, fiscalYearStart, periodOf } from "./params";
import { cell, column, dataRow, hasData, money, moneyOrBlank, section, type Cell, type ReportRow } from "./rows";

const WIDTH = 8;
const COLUMNS = [
  column("Date", "Date", "tx_date"),
  column("Transaction Type", "String", "txn_type"),
  column("Num", "String", "doc_num"),
  column("Name", "String", "name"),
  column("Memo/Description", "String", "memo"),
  column("Split", "String", "split_acc"),
  column("Amount", "Money", "subt_nat_amount"),
  column("Balance", "Money", "rbal_nat_amount"),
];

const LABELS: Record<string, string> = {
  Invoice: "Invoice",
  SalesReceipt: "Sales Receipt",
  Payment: "Payment",
  RefundReceipt: "Refund",
  CreditMemo: "Credit Memo",
  Deposit: "Deposit",
  JournalEntry: "Journal Entry",
  Bill: "Bill",
  VendorCredit: "Vendor Credit",
  Transfer: "Transfer",
  // An account's opening balance: QuickBooks records it as a journal entry ("Opening Balance").
  OpeningBalance: "Journal Entry",
};

/** The Transaction Type column: Purchases and bill payments are named by how they were paid. */
export function transactionTypeLabel(txnType: string, record: Record<string, unknown> | undefined): string {
  if (txnType === "Purchase") {
    if (record?.PaymentType === "Check") return "Check";
    if (record?.PaymentType === "CreditCard") return record.Credit === true ? "Credit Card Credit" : "Credit Card Expense";
    return "Expense";
  }
  if (txnType === "BillPayment") return record?.PayType === "CreditCard" ? "Bill Payment (Credit Card)" : "Bill Payment (Check)";
  return LABELS[txnType] ?? txnType;
}

function nameOf(line: JournalLine, record: Record<string, unknown> | undefined): Cell {
  if (line.name) return cell(line.name.name ?? "", line.name.id);
  const ref = record ? (record.CustomerRef ?? record.VendorRef ?? record.EntityRef) : undefined;
  const id = refValue(ref);
  return id && isObject(ref) ? cell(typeof ref.name === "string" ? ref.name : "", id) : cell("");
}

const blanks = (n: number) => Array.from({ length: n }, () => cell(""));

export function generalLedger(ctx: RealmContext, query: URLSearchParams): Record<string, unknown> {
  const period = periodOf(ctx, query);
  const basis = basisOf(ctx, query);
  const books = booksOf(ctx, basis);
  const beginning = beginningBalances(ctx, books, period.start);

  const byTxn = new Map<string, JournalLine[]>();
  const byAccount = new Map<string, JournalLine[]>();
  for (const line of books.lines) {
    const key = `${line.txnType}:${line.txnId}`;
    byTxn.set(key, [...(byTxn.get(key) ?? []), line]);
    if (line.txnDate < period.start || line.txnDate > period.end) continue;
    byAccount.set(line.accountId, [...(byAccount.get(line.accountId) ?? []), line]);
  }

  const split = (line: JournalLine): Cell => {
    const others = new Set((byTxn.get(`${line.txnType}:${line.txnId}`) ?? []).map((l) => l.accountId).filter((id) => id !== line.accountId));
    if (others.size !== 1) return cell(others.size === 0 ? "" : "-Split-");
    const other = books.byId.get([...others][0]!);
    return other ? cell(other.fullName, other.id) : cell("");
  };

  /** The account's own rows and the total of its period amounts. */
  const ownRows = (account: Account): { rows: ReportRow[]; total: number } => {
    const lines = (byAccount.get(account.id) ?? []).sort((a, b) => a.txnDate.localeCompare(b.txnDate) || Number(a.txnId) - Number(b.txnId) || a.txnId.localeCompare(b.txnId));
    const opening = natural(account, beginning.get(account.id) ?? 0);
    if (lines.length === 0 && opening === 0) return { rows: [], total: 0 };
    let balance = opening;
    let total = 0;
    const rows: ReportRow[] = [dataRow([cell("Beginning Balance"), ...blanks(6), cell(moneyOrBlank(opening))])];
    for (const line of lines) {
      const amount = natural(account, line.homeAmount);
      balance += amount;
      total += amount;
      const record = line.txnType === "OpeningBalance" ? undefined : findRecord(ctx, line.txnType, line.txnId);
      const memo = line.memo ?? (line.txnType === "OpeningBalance" ? "Opening Balance" : typeof record?.PrivateNote === "string" ? record.PrivateNote : "");
      rows.push(
        dataRow([
          cell(line.txnDate),
          cell(transactionTypeLabel(line.txnType, record), line.txnType === "OpeningBalance" ? undefined : line.txnId),
          cell(line.docNumber ?? (typeof record?.DocNumber === "string" ? record.DocNumber : "")),
          nameOf(line, record),
          cell(memo),
          split(line),
          cell(money(amount)),
          cell(money(balance)),
        ]),
      );
    }
    return { rows, total };
  };

  const children = new Map<string, Account[]>();
  for (const account of books.accounts) {
    if (account.parentId && books.byId.has(account.parentId)) children.set(account.parentId, [...(children.get(account.parentId) ?? []), account]);
  }
  const build = (account: Account): { row?: ReportRow; total: number } => {
    const own = ownRows(account);
    const kids = (children.get(account.id) ?? []).map(build).filter((k) => k.row !== undefined);
    if (own.rows.length === 0 && kids.length === 0) return { total: 0 };
    const total = own.total + kids.reduce((sum, k) => sum + k.total, 0);
    const title = kids.length > 0 ? `Total for ${account.name} with sub-accounts` : `Total for ${account.name}`;
    return {
      row: section({
        header: [cell(account.name, account.id), ...blanks(WIDTH - 1)],
        rows: [...own.rows, ...kids.map((k) => k.row!)],
        summary: [cell(title), ...blanks(5), cell(money(total)), cell("")],
      }),
      total,
    };
  };
  const rows = books.accounts.filter((a) => !a.parentId || !books.byId.has(a.parentId)).flatMap((a) => build(a).row ?? []);
  return {
    Header: reportHeader(ctx, { name: "GeneralLedger", period, basis, noData: !hasData(rows) }),
    Columns: { Column: COLUMNS },
    Rows: { Row: rows },
  };
}

/**
 * Debit-positive balances the day before `start`: cumulative for balance-sheet accounts, from the fiscal
 * year's start for income and expense accounts, with earlier years' net income in Retained Earnings.
 */
function beginningBalances(ctx: RealmContext, books: Books, start: string): Map<string, number> {
  const dayBefore = addDays(start, -1);
  const fyStart = fiscalYearStart(ctx, start);
  const cumulative = totalsBetween(books, undefined, dayBefore);
  const thisYear = totalsBetween(books, fyStart, dayBefore);
  const result = new Map<string, number>();
  let closed = 0;
  for (const account of books.accounts) {
    const all = cumulative.get(account.id) ?? 0;
    if (isProfitAndLoss(account)) {
      const current = thisYear.get(account.id) ?? 0;
      closed += all - current;
      result.set(account.id, current);
    } else {
      result.set(account.id, all);
    }
  }
  const retained = retainedEarnings(books);
  if (retained) result.set(retained.id, (result.get(retained.id) ?? 0) + closed);
  return result;
}
