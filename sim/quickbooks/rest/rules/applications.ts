// Payments applied to documents: a Payment line linked to an Invoice (or using a CreditMemo's credit), a
// BillPayment line linked to a Bill. The document's Balance and its `LinkedTxn` back to the payment are always
// recomputed from the payments themselves, so an update, delete or void of a payment cannot leave them stale.
import type { EntityRecord } from "../../state";
import type { RealmContext } from "../context";
import { findRecord, records, saveRecord } from "../store";
import { defOf, isObject, refValue, stringValue, type Json } from "./common";
import { homeCurrency } from "./currency";
import { centsToAmount, convertCents, parseDecimal, toCents } from "./money";

export type Applied = "Invoice" | "CreditMemo" | "Bill";
export type Link = { TxnId: string; TxnType: string };

/** The LinkedTxn types QuickBooks writes on a document for the payments applied to it. */
const PAYMENT_LINK_TYPES = new Set(["Payment", "BillPaymentCheck", "BillPaymentCreditCard"]);

function payerOf(target: Applied): "Payment" | "BillPayment" {
  return target === "Bill" ? "BillPayment" : "Payment";
}

function linkTypeOf(payer: string, payment: EntityRecord): string {
  if (payer === "Payment") return "Payment";
  return payment.PayType === "CreditCard" ? "BillPaymentCreditCard" : "BillPaymentCheck";
}

/** The one LinkedTxn a payment line carries (the rules normalise lines to exactly one). */
export function lineLink(line: Json): Link | undefined {
  const links = line.LinkedTxn;
  const first: unknown = Array.isArray(links) ? links[0] : undefined;
  if (!isObject(first)) return undefined;
  const id = stringValue(first.TxnId);
  const type = stringValue(first.TxnType);
  return id && type ? { TxnId: id, TxnType: type } : undefined;
}

/** Every document a payment's lines point at: used to refresh both the old and the new set after a change. */
export function linkedDocuments(payment: Json | undefined): Link[] {
  if (!payment || !Array.isArray(payment.Line)) return [];
  return (payment.Line as unknown[]).filter(isObject).flatMap((line) => lineLink(line) ?? []);
}

/** Cents applied to a document by all payments (except `excludePaymentId`), with the links to write back. */
export function appliedTo(ctx: RealmContext, target: Applied, targetId: string, excludePaymentId?: string): { cents: number; links: Link[] } {
  const payer = payerOf(target);
  let cents = 0;
  const links: Link[] = [];
  for (const payment of Object.values(records(ctx, payer))) {
    if (payment.Id === excludePaymentId || !Array.isArray(payment.Line)) continue;
    let fromThis = 0;
    for (const line of payment.Line as unknown[]) {
      if (!isObject(line)) continue;
      const link = lineLink(line);
      if (link?.TxnType !== target || link.TxnId !== targetId) continue;
      fromThis += toCents(line.Amount) ?? 0;
    }
    // A voided payment keeps its lines at 0: it no longer counts, and the document forgets it.
    if (fromThis === 0) continue;
    cents += fromThis;
    links.push({ TxnId: payment.Id, TxnType: linkTypeOf(payer, payment) });
  }
  return { cents, links };
}

/** The document's LinkedTxn: what it had besides payments (estimates, ...) plus the current payments. */
export function mergeLinks(existing: unknown, payments: Link[]): Link[] {
  const kept = (Array.isArray(existing) ? existing : []).filter(isObject).filter((l) => !PAYMENT_LINK_TYPES.has(String(l.TxnType)));
  return [...(kept as Link[]), ...payments];
}

/** Balance fields of a document from its total and what is applied: Balance, HomeBalance, RemainingCredit. */
export function balanceFields(ctx: RealmContext, doc: Json, target: Applied, balanceCents: number): Json {
  const fields: Json = { Balance: centsToAmount(balanceCents) };
  if (target === "CreditMemo") fields.RemainingCredit = centsToAmount(balanceCents);
  const currency = refValue(doc.CurrencyRef);
  const rate = parseDecimal(doc.ExchangeRate);
  if (currency && currency !== homeCurrency(ctx) && rate !== undefined) fields.HomeBalance = centsToAmount(convertCents(balanceCents, rate));
  return fields;
}

/**
 * Brings one document in step with its payments; stores it (new SyncToken, an Update change, as QuickBooks
 * does when a payment is applied) only when something visible changed.
 */
export function refreshDocument(ctx: RealmContext, target: Applied, id: string, excludePaymentId?: string): void {
  const doc = findRecord(ctx, target, id);
  if (!doc) return;
  const { cents, links } = appliedTo(ctx, target, id, excludePaymentId);
  // An invoice's own Deposit (money taken when it was written) is not part of what is still owed.
  const total = (toCents(doc.TotalAmt) ?? 0) - (target === "Invoice" ? toCents(doc.Deposit) ?? 0 : 0);
  const updated: EntityRecord = { ...doc, ...balanceFields(ctx, doc, target, total - cents), LinkedTxn: mergeLinks(doc.LinkedTxn, links) };
  const changed = ["Balance", "HomeBalance", "RemainingCredit", "LinkedTxn"].some((f) => JSON.stringify(updated[f]) !== JSON.stringify(doc[f]));
  if (changed) saveRecord(ctx, defOf(target), updated, "Update");
}

export function refreshDocuments(ctx: RealmContext, links: Link[], excludePaymentId?: string): void {
  const seen = new Set<string>();
  for (const link of links) {
    const key = `${link.TxnType}:${link.TxnId}`;
    if (seen.has(key) || !["Invoice", "CreditMemo", "Bill"].includes(link.TxnType)) continue;
    seen.add(key);
    refreshDocument(ctx, link.TxnType as Applied, link.TxnId, excludePaymentId);
  }
}
