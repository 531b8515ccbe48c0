// QuickBooks' published limits per company and app (see docs/QBO-FACTS.md in the shared docs, and the
// simulator's sim/quickbooks/limits.ts that enforces them).

export type QboLimits = {
  requestsPerMinute: number;
  batchesPerMinute: number;
  concurrent: number;
  batchItems: number;
};

export const QBO_LIMITS: QboLimits = { requestsPerMinute: 500, batchesPerMinute: 40, concurrent: 10, batchItems: 30 };

/** Under backlog: 40 batch calls of 30 operations plus the other 460 requests as single calls = 1,660. */
export const CEILING_OPERATIONS_PER_MINUTE =
  QBO_LIMITS.batchesPerMinute * QBO_LIMITS.batchItems + (QBO_LIMITS.requestsPerMinute - QBO_LIMITS.batchesPerMinute);

/** The QboError code of a call the budget gave up waiting for; retryable, with retryAfterMs. */
export const BUDGET_EXHAUSTED = "BUDGET_EXHAUSTED";
