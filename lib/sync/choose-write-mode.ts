// Batch or single: the one decision of how a drain round spends QuickBooks' allowance for a company.
// QuickBooks allows 500 requests a minute, of which about 40 may be batch calls of up to 30 operations, so the
// ceiling is 40 x 30 + 460 singles = 1,660 operations a minute. A round that has several postings ready and a
// batch call left sends them as one batch; otherwise it sends singles, one request at a time per round
// (rounds run at most 10 at once per company: the drainer's concurrency). An idle system claims one posting
// and sends it at once as a single call: the fast path.

export const MAX_BATCH_ITEMS = 30;
/** Fewer ready postings than this go as singles: a batch of two saves one request and costs a batch call. */
export const MIN_BATCH_ITEMS = 3;

/** What the shared budget (lib/qbo/budget) says is left in the current minute, when it is known. */
export type BudgetLeft = { requestsLeft: number; batchesLeft: number; blockedForMs?: number };

/** How many postings to claim for the next round. */
export function claimSize(budget: BudgetLeft | null): number {
  if (!budget) return MAX_BATCH_ITEMS;
  if (budget.batchesLeft > 0 && budget.requestsLeft > 0) return MAX_BATCH_ITEMS;
  // No batch call left this minute: single calls, a few per round, while requests last.
  return budget.requestsLeft > 0 ? Math.min(5, budget.requestsLeft) : 1;
}

export type WriteMode = { mode: "batch" | "single" };

/** For the postings claimed: one batch call, or single calls. */
export function chooseWriteMode(ready: number, budget: BudgetLeft | null): WriteMode {
  if (ready < MIN_BATCH_ITEMS) return { mode: "single" };
  if (budget && budget.batchesLeft <= 0) return { mode: "single" };
  return { mode: "batch" };
}
