// QuickBooks' limits per company (realm) as one budget shared by every process of the app: at most 10
// requests at once, 500 a minute, 40 of them batch calls (30 operations each). The state lives in PostgreSQL
// (a call log with leases that expire, see the migration 20261203110000_qbo_budget), so the sync functions,
// the mapping page and connection upkeep, in any number of processes, all draw from the same allowance.
//
// Every QuickBooks call made through qboClientFor() (lib/qbo/connection-client.ts) already goes through the
// budget: the transport acquires before sending and releases when the answer is read. Callers only read it:
// `remaining()` to choose between batch and single calls, `usage()` for the status API.
export { QBO_LIMITS, CEILING_OPERATIONS_PER_MINUTE, BUDGET_EXHAUSTED, type QboLimits } from "./limits";
export { createQboBudget, type QboBudgetOptions } from "./budget";
export { sharedQboBudget } from "./shared";

/** "batch" for POST /batch (counts towards both the 500 requests and the 40 batches a minute). */
export type BudgetKind = "request" | "batch";

/** Gives the slot back; call it once the answer has been read (or the call failed). Safe to call twice. */
export type Release = () => Promise<void>;

export type AcquireOptions = {
  /** Reads are metered by Intuit; shown apart in usage(). "write" by default. */
  access?: "read" | "write";
  /** Longest wait for a slot before giving up with a retryable QboError code BUDGET_EXHAUSTED; budget default otherwise. */
  maxWaitMs?: number;
};

export type BudgetRemaining = {
  /** Requests (batch calls included) still allowed in the current sliding minute. */
  requestsLeft: number;
  /** Batch calls still allowed in the current sliding minute (never more than requestsLeft). */
  batchesLeft: number;
  /** Calls holding a lease right now, from every process. */
  inFlight: number;
  /** Until the oldest call counted leaves the window (when requestsLeft next grows); 0 for an empty window. */
  resetsInMs: number;
  /** > 0 while the realm is held back after QuickBooks answered 429. */
  blockedForMs: number;
};

export type BudgetUsage = {
  /** Calls made in the last minute (the budget's window), from every process. */
  calls: number;
  reads: number;
  writes: number;
  batches: number;
  /** Calls QuickBooks answered 429 in that minute. */
  throttled: number;
};

export type QboBudget = {
  /** Resolves once a slot is free for this realm (waiting the computed time, bounded by maxWaitMs). */
  acquire(realmId: string, kind: BudgetKind, options?: AcquireOptions): Promise<Release>;
  remaining(realmId: string): Promise<BudgetRemaining>;
  usage(realmId: string): Promise<BudgetUsage>;
  /**
   * QuickBooks answered 429 anyway (another app, or a call made outside the budget): the realm's window is
   * treated as full from now on and nothing is sent before `retryAfterMs` (Retry-After) has passed.
   */
  throttled(realmId: string, retryAfterMs?: number): Promise<void>;
  /** The budget's minute: 60 000 ms unless shortened to match a sped-up simulator clock. */
  readonly windowMs: number;
};
