// Cash-basis books, derived from the accrual ledger as QuickBooks reports them: invoices, credit memos,
// bills and vendor credits post nothing until paid; each payment then carries its share of the documents
// it settles (income, discounts, tax, expenses), in proportion to the amount applied. What a payment leaves
// unapplied stays on A/R (or A/P), as QuickBooks' cash-basis balance sheet shows it.
import type { JournalLine } from "../../state";
import type { RealmContext } from "../context";
import { findRecord } from "../store";
import { isObject, linesOf, recordOf, refValue, type Json } from "../rules/common";
import { homeCurrency } from "../rules/currency";
import { convertCents, divRound, parseDecimal, toCents } from "../rules/money";

const DOCUMENTS = new Set(["Invoice", "CreditMemo", "Bill", "VendorCredit"]);
const SETTLERS: Record<string, { control: string; credits: string }> = {
  Payment: { control: "Accounts Receivable", credits: "CreditMemo" },
  BillPayment: { control: "Accounts Payable", credits: "VendorCredit" },
};

const scale = (value: number, part: number, whole: number) => Number(divRound(BigInt(value) * BigInt(part), BigInt(whole)));

function isControl(ctx: RealmContext, accountId: string, type: string): boolean {
  return findRecord(ctx, "Account", accountId)?.AccountType === type;
}

/** `part` of `whole` of a document's non-control lines, rounded so they add up to what was settled. */
function shareOf(ctx: RealmContext, docLines: JournalLine[], control: string, part: number, whole: number, settledHome: number): JournalLine[] {
  const lines = docLines.filter((l) => !isControl(ctx, l.accountId, control));
  if (whole === 0 || lines.length === 0) return [];
  const shares = lines.map((l) => ({ ...l, amount: scale(l.amount, part, whole), homeAmount: scale(l.homeAmount, part, whole) }));
  const residual = settledHome - shares.reduce((sum, l) => sum + l.homeAmount, 0);
  const largest = shares.reduce((a, b) => (Math.abs(b.homeAmount) > Math.abs(a.homeAmount) ? b : a));
  largest.homeAmount += residual;
  return shares;
}

function settlementLines(ctx: RealmContext, books: Record<string, JournalLine[]>, type: string, record: Json, lines: JournalLine[]): JournalLine[] {
  const { control, credits } = SETTLERS[type]!;
  const kept = lines.filter((l) => !isControl(ctx, l.accountId, control));
  const currency = refValue(record.CurrencyRef) ?? homeCurrency(ctx);
  const ownRate = currency === homeCurrency(ctx) ? null : parseDecimal(record.ExchangeRate) ?? null;
  const base = lines[0];
  let applied = 0;
  for (const line of linesOf(record.Line)) {
    const link = Array.isArray(line.LinkedTxn) && isObject(line.LinkedTxn[0]) ? line.LinkedTxn[0] : undefined;
    const amount = toCents(line.Amount) ?? 0;
    if (!link || amount === 0) continue;
    const docType = String(link.TxnType);
    const doc = recordOf(ctx, docType, link.TxnId);
    if (!doc) continue;
    const docCurrency = refValue(doc.CurrencyRef) ?? homeCurrency(ctx);
    const docRate = docCurrency === homeCurrency(ctx) ? null : parseDecimal(doc.ExchangeRate) ?? null;
    const docLines = books[`${docType}:${doc.Id}`] ?? [];
    const controlLine = docLines.find((l) => isControl(ctx, l.accountId, control));
    // The document's other lines add up to minus its control line; a share of them replaces the settlement.
    const settledHome = -Math.sign(controlLine?.homeAmount ?? 0) * (docRate === null ? amount : convertCents(amount, docRate));
    const share = shareOf(ctx, docLines, control, amount, toCents(doc.TotalAmt) ?? 0, settledHome);
    kept.push(...share.map((l) => ({ ...l, txnType: type, txnId: String(record.Id), txnDate: String(record.TxnDate), ...(base?.docNumber ? { docNumber: base.docNumber } : {}) })));
    applied += docType === credits ? -amount : amount;
  }
  const unapplied = (toCents(record.TotalAmt) ?? 0) - applied;
  const controlLine = lines.find((l) => isControl(ctx, l.accountId, control));
  if (unapplied !== 0 && controlLine && base) {
    const sign = type === "Payment" ? -1 : 1;
    const amount = sign * unapplied;
    kept.push({ ...base, accountId: controlLine.accountId, amount, homeAmount: ownRate === null ? amount : convertCents(amount, ownRate) });
  }
  return kept;
}

/** The ledger's lines as cash-basis reports see them. */
export function cashBasisLines(ctx: RealmContext, books: Record<string, JournalLine[]>): JournalLine[] {
  const out: JournalLine[] = [];
  for (const [key, lines] of Object.entries(books)) {
    const [type, id] = key.split(":") as [string, string];
    if (DOCUMENTS.has(type)) continue;
    const record = SETTLERS[type] ? findRecord(ctx, type, id) : undefined;
    out.push(...(record ? settlementLines(ctx, books, type, record, lines) : lines));
  }
  return out;
}
