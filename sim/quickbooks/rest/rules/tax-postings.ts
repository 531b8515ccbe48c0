// Where the tax on a transaction lands in the books: debits (+) and credits (-) per tax account, in the
// transaction's own currency. The general ledger (books/post.ts) adds these to the lines' own postings (net
// line amounts, the total on A/R, A/P or the bank), so a document balances when its net lines plus its tax
// are its total, which the tax rules guarantee in every mode.
import type { RealmContext } from "../context";
import { isObject, type Json, refValue } from "./common";
import { toCents } from "./money";
import { mainTaxAccount, rateAccount } from "./tax-codes";

export type TaxPosting = { accountId: string; amount: number; rateId?: string };

/**
 * The sign of a document's tax: sales forms collect tax (a credit to the liability), credit memos and refunds
 * give it back; purchases and bills pay input tax, recoverable, so it is debited to the same liability (VAT
 * Control and GST/HST Payable hold both sides); a vendor credit or a card refund (Purchase Credit=true) runs
 * the other way.
 */
function signOf(entity: string, record: Json): number {
  switch (entity) {
    case "Invoice":
    case "SalesReceipt":
    case "VendorCredit":
      return -1;
    case "CreditMemo":
    case "RefundReceipt":
    case "Bill":
      return 1;
    case "Purchase":
      return record.Credit === true ? -1 : 1;
    default:
      return 0;
  }
}

/**
 * One posting per TaxLine, to the liability account of its rate's agency, then whatever TotalTax holds beyond
 * the lines (a US purchase's given tax, an override without lines) on the company's main tax account. A reverse
 * charge gives two postings that cancel.
 */
export function taxPostingLinesOf(ctx: RealmContext, entity: string, record: Json): TaxPosting[] {
  const sign = signOf(entity, record);
  const detail = isObject(record.TxnTaxDetail) ? record.TxnTaxDetail : undefined;
  if (sign === 0 || !detail) return [];
  const postings: TaxPosting[] = [];
  let covered = 0;
  for (const line of Array.isArray(detail.TaxLine) ? detail.TaxLine : []) {
    if (!isObject(line)) continue;
    const cents = toCents(line.Amount) ?? 0;
    const rateId = isObject(line.TaxLineDetail) ? refValue(line.TaxLineDetail.TaxRateRef) : undefined;
    const account = rateAccount(ctx, rateId);
    if (cents === 0 || !account) continue;
    covered += cents;
    postings.push({ accountId: account.Id, amount: sign * cents, ...(rateId ? { rateId } : {}) });
  }
  const rest = (toCents(detail.TotalTax) ?? 0) - covered;
  const main = mainTaxAccount(ctx);
  if (rest !== 0 && main) postings.push({ accountId: main.Id, amount: sign * rest });
  return postings;
}

/** Tax postings of a stored transaction, summed per account (accounts that net to zero are left out). */
export function taxPostingsOf(ctx: RealmContext, entity: string, record: Json): Map<string, number> {
  const postings = new Map<string, number>();
  for (const { accountId, amount } of taxPostingLinesOf(ctx, entity, record)) postings.set(accountId, (postings.get(accountId) ?? 0) + amount);
  for (const [accountId, amount] of postings) if (amount === 0) postings.delete(accountId);
  return postings;
}
