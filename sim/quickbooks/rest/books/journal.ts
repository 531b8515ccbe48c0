// The simulator's general ledger, read side: every stored transaction as journal lines (one per account it
// moves), in the transaction's currency and in the home currency, plus account opening balances. Reports and
// Account.CurrentBalance are both derived from these lines, so they cannot disagree.
import type { RealmContext } from "../context";
import { records } from "../store";
import { postingsOf } from "../rules/ledger";
import { refValue } from "../rules/common";
import { homeCurrency } from "../rules/currency";
import { convertCents, parseDecimal } from "../rules/money";

export type ReportBasis = "Accrual" | "Cash";

export type JournalLine = {
  /** QuickBooks entity name of the source ("Invoice", "Payment", ...) or "OpeningBalance". */
  txnType: string;
  txnId: string;
  /** YYYY-MM-DD */
  txnDate: string;
  docNumber?: string;
  accountId: string;
  /** The transaction's currency. */
  currency: string;
  /** Cents in the transaction's currency; debit +, credit -. */
  amount: number;
  /** Cents in the home currency; debit +, credit -. Debits equal credits per transaction in home cents. */
  homeAmount: number;
  /** The customer, vendor or employee of the transaction, when it has one. */
  name?: { type: string; id: string; name?: string };
  memo?: string;
};

const TRANSACTIONS = ["Invoice", "SalesReceipt", "Payment", "RefundReceipt", "CreditMemo", "Deposit", "JournalEntry", "Purchase", "Bill", "BillPayment"];

/** Every journal line of the realm, in no particular order. (Temporary: replaced by the stored journal.) */
export function journalLines(ctx: RealmContext, _options: { basis?: ReportBasis } = {}): JournalLine[] {
  const lines: JournalLine[] = [];
  for (const entity of TRANSACTIONS) {
    for (const record of Object.values(records(ctx, entity))) {
      const currency = refValue(record.CurrencyRef) ?? homeCurrency(ctx);
      const rate = parseDecimal(record.ExchangeRate);
      for (const [accountId, amount] of postingsOf(ctx, entity, record)) {
        lines.push({
          txnType: entity,
          txnId: record.Id,
          txnDate: String(record.TxnDate),
          accountId,
          currency,
          amount,
          homeAmount: currency === homeCurrency(ctx) || rate === undefined ? amount : convertCents(amount, rate),
        });
      }
    }
  }
  return lines;
}
