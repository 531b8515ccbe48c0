import { inngest } from "../../inngest/client";
import { db, Prisma } from "../db";
import { logger } from "../log/logger";

// Sends outbox rows (lib/jobs/outbox.ts) to Inngest. Rows are claimed with FOR UPDATE SKIP LOCKED inside a
// transaction held across the send, so two dispatchers never send the same row at once; a batch goes out in one
// request with each row's id as the event id, so a row sent twice (the process died before marking it) is
// deduplicated by Inngest. When Inngest cannot be reached the rows stay pending with a growing delay: nothing is
// lost, and the next dispatch (a kick after a commit, or the scheduled re-send) takes them again.

export type OutboxEvent = { id: string; name: string; data: Record<string, unknown>; ts: number };
export type SendEvents = (events: OutboxEvent[]) => Promise<unknown>;
export type DispatchOptions = {
  /** Defaults to the app's Inngest client. */
  send?: SendEvents;
  /** Rows per claim and per request to Inngest. */
  limit?: number;
  /** Only rows created at least this long ago: the re-send path, which leaves fresh rows to their kick. */
  stuckForMs?: number;
};
export type DispatchResult = { sent: number; failed: number };

/** Longer than the SDK's own retries (five attempts, about 2 s); a hung request must not hold the row locks for ever. */
export const SEND_TIMEOUT_MS = 20_000;

type ClaimedRow = { id: string; eventName: string; payload: Record<string, unknown>; createdAt: Date };

const sendWithInngest: SendEvents = (events) => inngest.send(events);

/** Sends every pending row that is due, batch after batch, until a batch comes back short or fails. */
export async function dispatchOutbox({ send = sendWithInngest, limit = 500, stuckForMs }: DispatchOptions = {}): Promise<DispatchResult> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError("limit must be a positive whole number");
  const total: DispatchResult = { sent: 0, failed: 0 };
  for (;;) {
    const batch = await dispatchBatch(send, limit, stuckForMs);
    total.sent += batch.sent;
    total.failed += batch.failed;
    // A failure stops the run: the rows just failed are backing off, and hammering Inngest would not help.
    if (batch.failed > 0 || batch.sent < limit) return total;
  }
}

function dispatchBatch(send: SendEvents, limit: number, stuckForMs: number | undefined): Promise<DispatchResult> {
  return db.$transaction(
    async (tx) => {
      // Times are passed from this process's clock, the clock enqueueEvent stamps rows with.
      const now = new Date();
      const onlyStuck = stuckForMs === undefined ? Prisma.empty : Prisma.sql`AND "createdAt" <= ${new Date(now.getTime() - stuckForMs)}`;
      const rows = await tx.$queryRaw<ClaimedRow[]>`
        SELECT id, "eventName", payload, "createdAt" FROM "OutboxMessage"
        WHERE "sentAt" IS NULL AND "availableAt" <= ${now} ${onlyStuck}
        ORDER BY "createdAt", id LIMIT ${limit}
        FOR UPDATE SKIP LOCKED`;
      if (rows.length === 0) return { sent: 0, failed: 0 };
      const ids = rows.map((row) => row.id);
      try {
        await withTimeout(send(rows.map((row) => ({ id: row.id, name: row.eventName, data: row.payload, ts: row.createdAt.getTime() }))), SEND_TIMEOUT_MS);
      } catch (error) {
        const lastError = describeSendFailure(error);
        // Backoff from the moment of failure: 1 s after the first, doubling, at most 60 s.
        await tx.$executeRaw`
          UPDATE "OutboxMessage"
          SET attempts = attempts + 1, "lastError" = ${lastError},
              "availableAt" = ${new Date()}::timestamp + least(60, power(2, least(attempts, 6))) * interval '1 second'
          WHERE id = ANY(${ids})`;
        logger.warn({ events: rows.length, error: lastError }, "could not send outbox events to Inngest; they stay pending and are retried");
        return { sent: 0, failed: rows.length };
      }
      await tx.outboxMessage.updateMany({ where: { id: { in: ids } }, data: { sentAt: new Date(), lastError: null } });
      return { sent: rows.length, failed: 0 };
    },
    { timeout: SEND_TIMEOUT_MS + 10_000, maxWait: 10_000 },
  );
}

class SendTimeoutError extends Error {
  override name = "SendTimeoutError";
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SendTimeoutError(`Inngest did not answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A short reason for the row and the log: the error's name, its first line, and a network code if there is one. */
function describeSendFailure(error: unknown): string {
  if (!(error instanceof Error)) return "send failed";
  const cause: unknown = error.cause;
  const code = cause && typeof cause === "object" && "code" in cause && typeof cause.code === "string" ? ` (${cause.code})` : "";
  // The SDK appends the response body to the status ("Inngest API Error: 503 <body>"); a body is not kept.
  const message = /^Inngest API Error: \d{3}/.exec(error.message)?.[0] ?? error.message.split("\n")[0];
  return `${error.name}: ${message}${code}`.slice(0, 200);
}

// ---------------------------------------------------------------------------------------------------------------
// Kicks: the in-process trigger called after a commit that enqueued events.

let kicked: Promise<void> | null = null;
let running = false;
let again = false;
let warnedCannotSend = false;

/**
 * Dispatches soon, without waiting. Kicks within one tick share one dispatch; a kick while a dispatch runs
 * schedules exactly one more run after it (that run's query may have missed the kick's rows). Never throws.
 */
export function kickDispatcher(): void {
  if (!canSendEvents()) return;
  if (!kicked) kicked = runKicked();
  else if (running) again = true;
  // Otherwise a run is scheduled and has not queried yet: it will see this kick's rows.
}

/** Resolves when no kicked dispatch is scheduled or running (for tests and graceful shutdown). */
export function dispatcherIdle(): Promise<void> {
  return kicked ?? Promise.resolve();
}

async function runKicked(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  running = true;
  try {
    do {
      again = false;
      try {
        await dispatchOutbox();
      } catch (error) {
        logger.warn({ err: error }, "outbox dispatch failed; the scheduled re-send picks the events up");
      }
    } while (again);
  } finally {
    running = false;
    kicked = null;
  }
}

// In Inngest Cloud mode without an event key the SDK refuses every send before making a request. Kicking there
// would only push back the retry of every pending row, so the rows wait for a process that can send.
function canSendEvents(): boolean {
  if (inngest.mode === "dev" || inngest.eventKey) return true;
  if (!warnedCannotSend) {
    warnedCannotSend = true;
    logger.warn("INNGEST_EVENT_KEY is not set: events wait in the outbox until a process that can send dispatches them");
  }
  return false;
}
