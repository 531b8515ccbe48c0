// The benchmark's arithmetic, pure so a test can check it: what QuickBooks holds against the cross-reference
// table (duplicates, lost), the floor a company's limits put under a drain, and latency percentiles.
import { CEILING_OPERATIONS_PER_MINUTE } from "../../lib/qbo/budget/limits";

/** A transaction the simulator holds that the run created. */
export type SimTransaction = { entity: string; id: string };
export type CrossReferenceRow = { entityType: string; entityId: string };

export type Reconciliation = {
  /** Transactions in QuickBooks that no cross-reference names: a second copy of something, or an orphan. */
  duplicates: number;
  /** Cross-references naming a transaction QuickBooks does not hold. */
  missingInQbo: number;
  matched: number;
};

export function reconcile(created: SimTransaction[], crossReferences: CrossReferenceRow[]): Reconciliation {
  const key = (entity: string, id: string) => `${entity}\n${id}`;
  const inQbo = new Set(created.map((t) => key(t.entity, t.id)));
  const referenced = new Set(crossReferences.map((r) => key(r.entityType, r.entityId)));
  let matched = 0;
  let missingInQbo = 0;
  for (const ref of referenced) {
    if (inQbo.has(ref)) matched++;
    else missingInQbo++;
  }
  return { duplicates: inQbo.size - matched, missingInQbo, matched };
}

/**
 * Lost: an acknowledged delivery whose event was not stored, a posting that never reached QuickBooks (still
 * pending, held or failed at the end), and a cross-reference to nothing.
 */
export function lostCount(input: { acknowledged: number; stored: number; unfinishedPostings: number; missingInQbo: number }): number {
  return Math.max(0, input.acknowledged - input.stored) + input.unfinishedPostings + input.missingInQbo;
}

/** Minutes the company's limits need at the least for `operations` writes: 1,660 a minute. */
export function floorMinutes(operations: number, perMinute = CEILING_OPERATIONS_PER_MINUTE): number {
  return operations / perMinute;
}

/** Nearest-rank percentile (p in 0..100) of unsorted samples; NaN for none. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}
