// Which payments and sales receipts sit on a deposit. The deposited transaction carries a top-level
// `LinkedTxn {TxnId, TxnType: "Deposit"}`, recomputed from the deposits themselves; while deposited, its
// amount, account, customer and currency can't change and it can't be deleted or voided (6540).
import type { EntityRecord } from "../../state";
import type { RealmContext } from "../context";
import { faults } from "../faults";
import { findRecord, records, saveRecord } from "../store";
import { defOf, isObject, stringValue, type Json } from "./common";
import { moneyFingerprint } from "./txn";
import type { Link } from "./applications";

/** Transactions a deposit line may link to: they wait in Undeposited Funds until deposited. */
export const DEPOSITABLE = ["Payment", "SalesReceipt"] as const;

/** The links a deposit's lines carry. */
export function depositedLinks(deposit: Json | undefined): Link[] {
  if (!deposit || !Array.isArray(deposit.Line)) return [];
  const links: Link[] = [];
  for (const line of deposit.Line as unknown[]) {
    if (!isObject(line) || !Array.isArray(line.LinkedTxn)) continue;
    for (const link of line.LinkedTxn as unknown[]) {
      if (!isObject(link)) continue;
      const id = stringValue(link.TxnId);
      const type = stringValue(link.TxnType);
      if (id && type) links.push({ TxnId: id, TxnType: type });
    }
  }
  return links;
}

/** The deposit holding a transaction, if any (`excludeDepositId`: a deposit being deleted). */
export function depositOf(ctx: RealmContext, txnType: string, txnId: string, excludeDepositId?: string): EntityRecord | undefined {
  return Object.values(records(ctx, "Deposit")).find(
    (deposit) => deposit.Id !== excludeDepositId && depositedLinks(deposit).some((l) => l.TxnType === txnType && l.TxnId === txnId),
  );
}

/** A transaction's top-level LinkedTxn: its other links plus the deposit holding it. */
export function withDepositLink(ctx: RealmContext, txnType: string, txnId: string, existing: unknown, excludeDepositId?: string): Link[] {
  const kept = (Array.isArray(existing) ? existing : []).filter(isObject).filter((l) => l.TxnType !== "Deposit") as Link[];
  const deposit = depositOf(ctx, txnType, txnId, excludeDepositId);
  return deposit ? [...kept, { TxnId: deposit.Id, TxnType: "Deposit" }] : kept;
}

/** After a deposit changes: the transactions it added or dropped get their LinkedTxn rewritten. */
export function refreshDeposited(ctx: RealmContext, links: Link[], excludeDepositId?: string): void {
  const seen = new Set<string>();
  for (const link of links) {
    const key = `${link.TxnType}:${link.TxnId}`;
    if (seen.has(key) || !(DEPOSITABLE as readonly string[]).includes(link.TxnType)) continue;
    seen.add(key);
    const txn = findRecord(ctx, link.TxnType, link.TxnId);
    if (!txn) continue;
    const linked = withDepositLink(ctx, link.TxnType, link.TxnId, txn.LinkedTxn, excludeDepositId);
    if (JSON.stringify(linked) === JSON.stringify(txn.LinkedTxn ?? [])) continue;
    saveRecord(ctx, defOf(link.TxnType), { ...txn, LinkedTxn: linked }, "Update");
  }
}

/** 6540 when a deposited transaction would change its money (memo-only edits stay allowed). */
export function guardDepositedUpdate(ctx: RealmContext, txnType: string, previous: EntityRecord | undefined, candidate: Json): void {
  if (!previous || !depositOf(ctx, txnType, previous.Id)) return;
  if (moneyFingerprint(previous) !== moneyFingerprint(candidate)) throw faults.deposited();
}

export function refuseIfDeposited(ctx: RealmContext, txnType: string, record: EntityRecord): void {
  if (depositOf(ctx, txnType, record.Id)) throw faults.deposited();
}
