// Where the tax on a transaction lands in the books: debits (+) and credits (-) per tax account, in the
// transaction's own currency. The general ledger (ledger.ts) adds these to the lines' own postings, so a
// document balances when its lines, its tax and its total agree.
import type { RealmContext } from "../context";
import { isObject, type Json } from "./common";
import { toCents } from "./money";
import { accountBySubType } from "./refs";

/**
 * Tax postings of a stored transaction. Sales forms credit the tax they collect (a refund or credit memo
 * debits it back); purchases and bills debit the tax they pay when it is recoverable.
 */
export function taxPostingsOf(ctx: RealmContext, entity: string, record: Json): Map<string, number> {
  const postings = new Map<string, number>();
  const tax = isObject(record.TxnTaxDetail) ? toCents(record.TxnTaxDetail.TotalTax) ?? 0 : 0;
  if (tax === 0) return postings;
  const payable = accountBySubType(ctx, "SalesTaxPayable")?.Id;
  if (!payable) return postings;
  const sign = entity === "Invoice" || entity === "SalesReceipt" ? -1 : entity === "CreditMemo" || entity === "RefundReceipt" ? 1 : 1;
  postings.set(payable, sign * tax);
  return postings;
}
