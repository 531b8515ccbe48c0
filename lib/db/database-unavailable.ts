import type pg from "pg";
// The logger reads the environment when it is loaded; the launcher loads this module (through lib/db) before it
// has checked the environment and can say what is wrong in one line, so the logger is loaded on first use.
function log(level: "error" | "warn", fields: Record<string, unknown>, message: string): void {
  void import("../log/logger").then(({ logger }) => logger[level](fields, message)).catch(() => {});
}

// A database that cannot be reached (down, restarting, refusing connections) is not the request's fault and not
// a bug: callers should come back shortly, and a webhook sender will. Classified here, once, from error codes
// (never message text): the driver's socket codes, PostgreSQL's SQLSTATEs for a connection that is going or
// gone, Prisma's P1xxx connection codes, and the driver adapter's kinds for the same.

const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN"]);
/** 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now (starting, recovering), 53300 too many connections. */
const SQLSTATES = new Set(["57P01", "57P02", "57P03", "53300"]);
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017"]);
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);

type Coded = { code?: unknown; errorCode?: unknown; errors?: unknown; meta?: { driverAdapterError?: { cause?: Record<string, unknown> } } };

function isConnectionCode(code: unknown): boolean {
  if (typeof code !== "string") return false;
  // Class 08: connection exception (08000, 08003, 08006, 08001, 08004, ...).
  return SOCKET_CODES.has(code) || SQLSTATES.has(code) || PRISMA_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code);
}

// A server that is killed (kill -9, the OOM killer, lost power) sends no ErrorResponse: the socket just closes,
// and `pg` fails the queries on it with a plain Error that has no code ("Connection terminated unexpectedly").
// The same error object is first emitted as the client's `error` event, synchronously, before the queries on
// that client are failed with it (on the next tick). watchPool's listener on every client records it here, so it
// is recognised by where it came from rather than by its text.
const lostConnections = new WeakSet<object>();

/** True when the error says the database could not be reached or dropped the connection. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!error || typeof error !== "object") return false;
  if (lostConnections.has(error)) return true;
  const e = error as Coded;
  if (isConnectionCode(e.code) || isConnectionCode(e.errorCode)) return true;
  const cause = e.meta?.driverAdapterError?.cause;
  if (cause && (ADAPTER_KINDS.has(String(cause.kind)) || isConnectionCode(cause.originalCode) || isConnectionCode(cause.code))) return true;
  // `pg` reports a refused connection on a dual-stack host as an AggregateError of one error per address.
  if (Array.isArray(e.errors) && e.errors.some(isDatabaseUnavailable)) return true;
  return error instanceof Error && error.cause !== error && isDatabaseUnavailable(error.cause);
}

// An outage is logged once when it starts and once when a connection succeeds again, not once per request: a
// burst of webhooks during a restart would otherwise be thousands of identical lines.
const outage = ((globalThis as unknown as { ledgerwireDbOutage?: { since: number | null; failures: number } }).ledgerwireDbOutage ??= { since: null, failures: 0 });

function codeOf(error: unknown): string | undefined {
  const e = (error ?? {}) as Coded & { message?: unknown };
  const cause = e.meta?.driverAdapterError?.cause;
  const code = [e.code, e.errorCode, cause?.originalCode, cause?.kind].find((c) => typeof c === "string");
  return typeof code === "string" ? code : undefined;
}

/** Records a failure to reach the database; logs only the first of an outage. */
export function reportDatabaseUnavailable(error: unknown, where: string): void {
  outage.failures += 1;
  if (outage.since !== null) return;
  outage.since = Date.now();
  log("error", { where, code: codeOf(error) }, "the database is unavailable: requests are answered 503 with Retry-After until it is back");
}

/** Records a successful connection; ends (and logs the end of) an outage if one was open. */
export function reportDatabaseReachable(): void {
  if (outage.since === null) return;
  log("warn", { downForMs: Date.now() - outage.since, failures: outage.failures }, "the database is reachable again");
  outage.since = null;
  outage.failures = 0;
}

/** Whether an outage is open (for tests and the health check). */
export function databaseOutageOpen(): boolean {
  return outage.since !== null;
}

/**
 * Every pool gets an `error` listener: an idle connection the server closes (a restart, pg_terminate_backend)
 * is emitted as an `error` event on the pool, and without a listener Node turns it into an uncaught exception
 * that takes the process down.
 */
export function watchPool(pool: pg.Pool, name: string): pg.Pool {
  pool.on("error", (error) => reportDatabaseUnavailable(error, name));
  pool.on("connect", (client) => {
    // Only connection-level failures reach a client's `error` event (a query's own error goes to that query),
    // and a checked-out client's reach only the client, not the pool.
    client.on("error", (error) => lostConnections.add(error));
    reportDatabaseReachable();
  });
  return pool;
}
