// The general ledger, read side: every stored transaction's journal lines and the accounts' opening
// balances, on the accrual basis or the cash basis. Reports and Account.CurrentBalance both come from the
// same stored lines (ledger.ts), so they cannot disagree.
import type { JournalLine } from "../../state";
import type { RealmContext } from "../context";
import { cashBasisLines } from "./cash-basis";
import { booksOf } from "./ledger";

export type { JournalLine } from "../../state";

export type ReportBasis = "Accrual" | "Cash";

/** Every journal line of the realm, in posting order (opening balances, then transactions as written). */
export function journalLines(ctx: RealmContext, options: { basis?: ReportBasis } = {}): JournalLine[] {
  const books = booksOf(ctx);
  if (options.basis === "Cash") return cashBasisLines(ctx, books);
  return Object.values(books).flat();
}
