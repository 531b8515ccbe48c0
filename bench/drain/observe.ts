// Reads the outcome of a run from both sides: the simulator's company (what QuickBooks holds, the writes it
// took, the reads it metered) and the app's database (events stored, postings and their cross-references).
import type { Db } from "../../lib/db/create-client";
import type { QboSim } from "../../sim/quickbooks";
import { reconcile, type SimTransaction } from "./count";

export type SimMark = { records: Set<string>; changes: number; reads: number; writes: number };

export function markSim(sim: QboSim, realmId: string): SimMark {
  const realm = sim.state.realms[realmId]!;
  const records = new Set<string>();
  for (const [entity, byId] of Object.entries(realm.entities)) for (const id of Object.keys(byId)) records.add(`${entity}\n${id}`);
  return { records, changes: realm.changes.length, reads: realm.counters.reads, writes: realm.counters.writes };
}

/** Records of these entities created since `mark`. */
export function createdSince(sim: QboSim, realmId: string, mark: SimMark, entities: Set<string>): SimTransaction[] {
  const realm = sim.state.realms[realmId]!;
  const created: SimTransaction[] = [];
  for (const entity of entities) for (const id of Object.keys(realm.entities[entity] ?? {})) if (!mark.records.has(`${entity}\n${id}`)) created.push({ entity, id });
  return created;
}

export type PostingCounts = { total: number; posted: number; unfinished: number; byStatus: Record<string, number> };

export async function postingCounts(db: Db): Promise<PostingCounts> {
  const rows = await db.posting.groupBy({ by: ["status"], _count: { _all: true } });
  const byStatus = Object.fromEntries(rows.map((r) => [r.status, r._count._all]));
  const total = rows.reduce((n, r) => n + r._count._all, 0);
  const posted = byStatus.POSTED ?? 0;
  const settled = posted + (byStatus.SKIPPED ?? 0) + (byStatus.VOIDED ?? 0);
  return { total, posted, unfinished: total - settled, byStatus };
}

/** Events stored; waiting: not normalised yet, or normalised into canonical events not planned yet. */
export async function inboundCounts(db: Db): Promise<{ stored: number; waiting: number }> {
  const rows = await db.inboundEvent.groupBy({ by: ["status"], _count: { _all: true } });
  const stored = rows.reduce((n, r) => n + r._count._all, 0);
  const unplanned = await db.canonicalEvent.count({ where: { status: "PENDING", postings: { none: {} } } });
  return { stored, waiting: (rows.find((r) => r.status === "RECEIVED")?._count._all ?? 0) + unplanned };
}

export async function reconcileWithQbo(db: Db, sim: QboSim, realmId: string, mark: SimMark) {
  const refs = await db.qboCrossReference.findMany({ where: { realmId }, select: { entityType: true, entityId: true } });
  const types = await db.posting.findMany({ distinct: ["entityType"], select: { entityType: true } });
  const entities = new Set([...types.map((t) => t.entityType), ...refs.map((r) => r.entityType)]);
  return reconcile(createdSince(sim, realmId, mark, entities), refs);
}
