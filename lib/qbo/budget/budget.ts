// The budget's implementation over PostgreSQL. Admission is one call to qbo_budget_acquire (one round trip),
// release one UPDATE. Within a process, waiters for the same realm and kind queue up behind one another, so
// only the head of the queue polls the database, and a release in this process wakes it at once.
import type { Db } from "../../db";
import { QboError } from "../client/qbo-error";
import type { AcquireOptions, BudgetKind, BudgetRemaining, BudgetUsage, QboBudget, Release } from "./index";
import { BUDGET_EXHAUSTED, QBO_LIMITS, type QboLimits } from "./limits";

export type QboBudgetOptions = {
  db: Db;
  /** The budget's minute; shorter only to match a simulator whose clock runs faster (bench/drain). */
  windowMs?: number;
  /** A call counts this much longer than the window: the time between this clock and QuickBooks seeing it. */
  slackMs?: number;
  limits?: Partial<QboLimits>;
  /** A lease not released by then is free again (a crashed process); longer than the client's timeout. */
  leaseMs?: number;
  /** How long acquire() waits at most by default before throwing BUDGET_EXHAUSTED. */
  maxWaitMs?: number;
};

type Grant = { lease_id: bigint | null; wait_ms: number };

function exhausted(realmId: string, waitMs: number): QboError {
  return new QboError({
    code: BUDGET_EXHAUSTED,
    type: "ThrottlingFault",
    message: `QuickBooks' limits for company ${realmId} are used up for now; try again in ${Math.ceil(waitMs / 1000)} s`,
    status: 0,
    retryable: true,
    retryAfterMs: waitMs,
  });
}

export function createQboBudget(options: QboBudgetOptions): QboBudget {
  const { db } = options;
  const windowMs = options.windowMs ?? 60_000;
  const slackMs = options.slackMs ?? Math.min(1_000, Math.round(windowMs / 60));
  const limits = { ...QBO_LIMITS, ...options.limits };
  const leaseMs = options.leaseMs ?? 35_000;
  const defaultMaxWaitMs = options.maxWaitMs ?? 30_000;
  // Per realm and kind: the tail of the queue of local waiters, and a way to wake its head early.
  const queues = new Map<string, Promise<void>>();
  const wakers = new Map<string, Set<() => void>>();

  async function tryOnce(realmId: string, kind: BudgetKind, access: "read" | "write"): Promise<Grant> {
    const rows = await db.$queryRaw<Grant[]>`
      SELECT lease_id, wait_ms FROM qbo_budget_acquire(${realmId}, ${kind === "batch"}, ${access}, ${windowMs}::int, ${slackMs}::int,
        ${limits.requestsPerMinute}::int, ${limits.batchesPerMinute}::int, ${limits.concurrent}::int, ${leaseMs}::int)`;
    return rows[0]!;
  }

  function napUntilWokenOrDue(realmId: string, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const set = wakers.get(realmId) ?? wakers.set(realmId, new Set()).get(realmId)!;
      const done = () => {
        clearTimeout(timer);
        set.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      set.add(done);
    });
  }

  function wake(realmId: string): void {
    for (const done of [...(wakers.get(realmId) ?? [])]) done();
  }

  async function admit(realmId: string, kind: BudgetKind, access: "read" | "write", maxWaitMs: number): Promise<Release> {
    const deadline = Date.now() + maxWaitMs;
    for (;;) {
      const grant = await tryOnce(realmId, kind, access);
      if (grant.lease_id !== null) {
        const leaseId = grant.lease_id;
        let released = false;
        return async () => {
          if (released) return;
          released = true;
          try {
            await db.$executeRaw`UPDATE "QboBudgetCall" SET "expiresAt" = NULL WHERE id = ${leaseId}`;
          } finally {
            wake(realmId);
          }
        };
      }
      // Waiting past the deadline is pointless: say so now, with the time QuickBooks' window needs.
      if (Date.now() + grant.wait_ms > deadline) throw exhausted(realmId, grant.wait_ms);
      await napUntilWokenOrDue(realmId, grant.wait_ms);
    }
  }

  async function acquire(realmId: string, kind: BudgetKind, acquireOptions: AcquireOptions = {}): Promise<Release> {
    const key = `${kind}\n${realmId}`;
    const before = queues.get(key) ?? Promise.resolve();
    let settled!: () => void;
    const mine = new Promise<void>((resolve) => (settled = resolve));
    const tail = before.then(() => mine);
    queues.set(key, tail);
    try {
      await before;
      return await admit(realmId, kind, acquireOptions.access ?? "write", acquireOptions.maxWaitMs ?? defaultMaxWaitMs);
    } finally {
      settled();
      if (queues.get(key) === tail) queues.delete(key);
    }
  }

  async function remaining(realmId: string): Promise<BudgetRemaining> {
    const rows = await db.$queryRaw<Array<{ requests: bigint; batches: bigint; in_flight: bigint; oldest_ms: number | null; blocked_ms: number | null }>>`
      WITH now AS (SELECT clock_timestamp() AS at),
      w AS (SELECT c.* FROM "QboBudgetCall" c, now WHERE c."realmId" = ${realmId} AND c."startedAt" > now.at - make_interval(secs => ${windowMs + slackMs}::int / 1000.0))
      SELECT (SELECT COALESCE(sum(weight), 0) FROM w)::bigint AS requests,
             (SELECT count(*) FROM w WHERE batch)::bigint AS batches,
             (SELECT count(*) FROM "QboBudgetCall" c, now WHERE c."realmId" = ${realmId} AND c."expiresAt" > now.at)::bigint AS in_flight,
             (SELECT EXTRACT(EPOCH FROM (SELECT min(w."startedAt") FROM w WHERE w.weight > 0) - now.at) * 1000 FROM now)::float8 AS oldest_ms,
             (SELECT EXTRACT(EPOCH FROM h."until" - now.at) * 1000 FROM "QboRealmHold" h, now WHERE h."realmId" = ${realmId})::float8 AS blocked_ms`;
    const row = rows[0]!;
    const requestsLeft = Math.max(0, limits.requestsPerMinute - Number(row.requests));
    return {
      requestsLeft,
      batchesLeft: Math.min(requestsLeft, Math.max(0, limits.batchesPerMinute - Number(row.batches))),
      inFlight: Number(row.in_flight),
      resetsInMs: row.oldest_ms === null ? 0 : Math.max(0, Math.ceil(row.oldest_ms + windowMs + slackMs)),
      blockedForMs: Math.max(0, Math.ceil(row.blocked_ms ?? 0)),
    };
  }

  async function usage(realmId: string): Promise<BudgetUsage> {
    const rows = await db.$queryRaw<Array<{ reads: bigint; writes: bigint; batches: bigint; throttled: bigint }>>`
      SELECT count(*) FILTER (WHERE access = 'read') AS reads, count(*) FILTER (WHERE access = 'write') AS writes,
             count(*) FILTER (WHERE batch) AS batches, count(*) FILTER (WHERE access = 'throttled') AS throttled
        FROM "QboBudgetCall" WHERE "realmId" = ${realmId} AND "startedAt" > clock_timestamp() - make_interval(secs => ${windowMs}::int / 1000.0)`;
    const row = rows[0]!;
    const reads = Number(row.reads);
    const writes = Number(row.writes);
    return { calls: reads + writes, reads, writes, batches: Number(row.batches), throttled: Number(row.throttled) };
  }

  async function throttled(realmId: string, retryAfterMs?: number): Promise<void> {
    // Without a Retry-After, hold a moment (1/60 of the window) and let the filled window pace what follows.
    const holdMs = Math.max(0, Math.round(retryAfterMs ?? windowMs / 60));
    await db.$executeRaw`SELECT qbo_budget_throttled(${realmId}, ${holdMs}::int, ${windowMs}::int, ${slackMs}::int, ${limits.requestsPerMinute}::int)`;
  }

  return { acquire, remaining, usage, throttled, windowMs };
}
