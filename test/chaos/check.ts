import type { Db } from "../../lib/db/create-client";
import type { QboSim } from "../../sim/quickbooks";
import { realmContext } from "../../sim/quickbooks/core";
import { journalLines } from "../../sim/quickbooks/rest/books/journal";
import type { Expected } from "./events";

// What the chaos test reads at the end, from both sides: the app's database (events, postings and their
// cross-references) and the simulator's company (the transactions QuickBooks holds and their ledger lines).

export type Progress = { inbound: Record<string, number>; canonical: Record<string, number>; postings: Record<string, number>; unsettled: number };

const count = (rows: { status: string; _count: { _all: number } }[]) => Object.fromEntries(rows.map((r) => [r.status, r._count._all]));

export async function progress(db: Db): Promise<Progress> {
  const [inbound, canonical, postings] = await Promise.all([
    db.inboundEvent.groupBy({ by: ["status"], _count: { _all: true } }),
    db.canonicalEvent.groupBy({ by: ["status"], _count: { _all: true } }),
    db.posting.groupBy({ by: ["status"], _count: { _all: true } }),
  ]);
  const c = count(canonical);
  const i = count(inbound);
  const unsettledPostings = postings.filter((p) => !["POSTED", "SKIPPED"].includes(p.status)).reduce((n, p) => n + p._count._all, 0);
  return { inbound: i, canonical: c, postings: count(postings), unsettled: (i.RECEIVED ?? 0) + (c.PENDING ?? 0) + (c.HELD ?? 0) + unsettledPostings };
}

/** Transactions of these entity types the simulator holds, with their records. */
export function simTransactions(sim: QboSim, realmId: string, entityTypes: Iterable<string>): { entity: string; id: string; record: Record<string, unknown> }[] {
  const realm = sim.state.realms[realmId]!;
  const out: { entity: string; id: string; record: Record<string, unknown> }[] = [];
  for (const entity of entityTypes) for (const [id, record] of Object.entries(realm.entities[entity] ?? {})) out.push({ entity, id, record: record as Record<string, unknown> });
  return out;
}

/** Debit-positive home-currency cents per QuickBooks account id, over the lines of these transactions. */
export function accountTotals(sim: QboSim, realmId: string, transactions: { entity: string; id: string }[]): Map<string, number> {
  const realm = sim.state.realms[realmId]!;
  const wanted = new Set(transactions.map((t) => `${t.entity}\n${t.id}`));
  const totals = new Map<string, number>();
  for (const line of journalLines(realmContext(sim.core, realm), { basis: "Accrual" })) {
    if (!wanted.has(`${line.txnType}\n${line.txnId}`)) continue;
    totals.set(line.accountId, (totals.get(line.accountId) ?? 0) + line.homeAmount);
  }
  return totals;
}

/** The QuickBooks account each expected total lands in, from the active mapping (an item's income account). */
export async function accountsOf(db: Db, sim: QboSim, realmId: string): Promise<Record<keyof Expected, string>> {
  const rules = await db.accountMapping.findMany({ where: { mappingVersion: { status: "ACTIVE" } } });
  const items = sim.state.realms[realmId]!.entities.Item ?? {};
  const account = (category: string): string => {
    const rule = rules.find((r) => r.category === category);
    if (rule?.qboAccountId) return rule.qboAccountId;
    const item = rule?.qboItemId ? (items[rule.qboItemId] as { IncomeAccountRef?: { value: string } } | undefined) : undefined;
    if (item?.IncomeAccountRef) return item.IncomeAccountRef.value;
    throw new Error(`the active mapping has no account for ${category}`);
  };
  return { clearing: account("clearing:stripe"), fees: account("fees:processing"), revenue: account("revenue"), refunds: account("refunds"), bank: account("bank:stripe") };
}

/** Expected against found, per account (categories sharing an account are added up): the lines that differ. */
export function accountDifferences(expected: Expected, accounts: Record<keyof Expected, string>, found: Map<string, number>): string[] {
  const want = new Map<string, { cents: number; what: string[] }>();
  for (const [what, cents] of Object.entries(expected) as [keyof Expected, number][]) {
    const id = accounts[what];
    const entry = want.get(id) ?? { cents: 0, what: [] };
    entry.cents += cents;
    entry.what.push(what);
    want.set(id, entry);
  }
  const differences: string[] = [];
  for (const [id, { cents, what }] of want) {
    const got = found.get(id) ?? 0;
    if (got !== cents) differences.push(`account ${id} (${what.join(" + ")}): expected ${cents} cents, QuickBooks holds ${got} (off by ${got - cents})`);
  }
  for (const [id, got] of found) if (!want.has(id) && got !== 0) differences.push(`account ${id}: expected nothing, QuickBooks holds ${got} cents`);
  return differences;
}
