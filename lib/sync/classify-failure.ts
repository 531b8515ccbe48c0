import { NonRetriableError, RetryAfterError } from "inngest";
import { ZodError } from "zod";
import { AppError } from "../errors/app-error";
import { QboError } from "../qbo/client";

// The one place every job decides what a failure means (issue 16, and issue 17: a ZodError used to be retried
// five times). Decided from types and codes, never from message text:
//  - invalid: our own validation (zod, AppError VALIDATION_FAILED) or a QuickBooks business/validation fault
//    (2xxx, 6xxx, 4xxx, 610): an exception for a person, no retry.
//  - throttled: 429 / 3001: wait what QuickBooks asks (Retry-After), then retry.
//  - transient: 5xx, 10000, timeouts, resets, an unreadable proxy page: retry with backoff and jitter.
//  - auth: 401 after the client's own one refresh: retry later (the token manager may mark the connection for
//    reconnecting, which stops the drainer for it).
//  - stale (5010), duplicate-doc (6140), duplicate-name (6240): handled by the caller that knows the entity.

export type FailureKind = "invalid" | "throttled" | "transient" | "auth" | "stale" | "duplicate-doc" | "duplicate-name";

export type Failure = {
  kind: FailureKind;
  retryable: boolean;
  /** How long to wait before the next try, for retryable kinds. */
  retryAfterMs?: number;
  /** Machine-readable: "QBO_6000", "VALIDATION_FAILED", "QBO_NETWORK", ... */
  code: string;
  message: string;
  qboFaultCode?: string;
  intuitTid?: string | null;
  /** QuickBooks' element, when it named the field at fault. */
  element?: string | null;
};

const BASE_BACKOFF_MS = 2_000;
const MAX_BACKOFF_MS = 5 * 60_000;

/** Exponential backoff with full jitter: attempt 1 waits up to 2 s, then 4, 8, ... at most 5 minutes. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export function classifyFailure(error: unknown): Failure {
  if (error instanceof QboError) return classifyQbo(error);
  if (error instanceof ZodError) {
    const where = error.issues[0]?.path.join(".");
    return { kind: "invalid", retryable: false, code: "VALIDATION_FAILED", message: `The data did not have the expected shape${where ? ` (at ${where})` : ""}: ${error.issues[0]?.message ?? "invalid"}.` };
  }
  if (error instanceof AppError) {
    const retryable = error.code === "UNAVAILABLE" || error.code === "RATE_LIMITED" || error.code === "DATABASE_UNAVAILABLE" || error.details?.retryable === true;
    if (error.code === "RATE_LIMITED") return { kind: "throttled", retryable: true, retryAfterMs: numberOr(error.details?.retryAfterMs, 60_000), code: error.code, message: error.message };
    return retryable ? { kind: "transient", retryable: true, code: error.code, message: error.message } : { kind: "invalid", retryable: false, code: error.code, message: error.message };
  }
  // Programming errors (a TypeError, a SyntaxError from JSON.parse of our own data) do not heal by retrying.
  if (error instanceof TypeError || error instanceof SyntaxError || error instanceof RangeError) {
    return { kind: "invalid", retryable: false, code: "INTERNAL", message: error.message };
  }
  // Anything else (a dropped database connection, a socket error) is worth another try.
  return { kind: "transient", retryable: true, code: "UNKNOWN", message: error instanceof Error ? error.message : String(error) };
}

function classifyQbo(error: QboError): Failure {
  const base = { code: `QBO_${error.code}`, message: error.detail ? `${error.message}: ${error.detail}` : error.message, qboFaultCode: error.code, intuitTid: error.intuitTid, element: error.element };
  if (error.type === "ThrottlingFault" || error.status === 429 || error.code === "3001") return { ...base, kind: "throttled", retryable: true, retryAfterMs: error.retryAfterMs ?? 60_000 };
  if (error.code === "5010") return { ...base, kind: "stale", retryable: true, retryAfterMs: 0 };
  if (error.code === "6140") return { ...base, kind: "duplicate-doc", retryable: false };
  if (error.code === "6240") return { ...base, kind: "duplicate-name", retryable: false };
  if (error.type === "AuthenticationFault" || error.status === 401) return { ...base, kind: "auth", retryable: true, retryAfterMs: 60_000 };
  if (error.retryable) return { ...base, kind: "transient", retryable: true, retryAfterMs: error.retryAfterMs };
  return { ...base, kind: "invalid", retryable: false };
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === "number" && Number.isFinite(value) ? value : fallback;
}

/**
 * For Inngest steps: a permanent failure becomes NonRetriableError (Inngest stops), a throttle RetryAfterError
 * (Inngest waits what QuickBooks asked), anything else is rethrown for Inngest's backoff.
 */
export function toStepError(error: unknown): Error {
  const failure = classifyFailure(error);
  const message = failure.message;
  if (!failure.retryable) return new NonRetriableError(message, { cause: error });
  if (failure.kind === "throttled" && failure.retryAfterMs) return new RetryAfterError(message, failure.retryAfterMs, { cause: error });
  return error instanceof Error ? error : new Error(message);
}

/** A step body whose failures Inngest treats as toStepError says: `step.run("x", () => runClassified(() => work()))`. */
export async function runClassified<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toStepError(error);
  }
}
