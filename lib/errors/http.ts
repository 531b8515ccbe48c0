import { randomUUID } from "node:crypto";
import { ZodError } from "zod";
import { isDatabaseUnavailable, reportDatabaseUnavailable } from "../db/database-unavailable";
import { Prisma } from "../db/generated/client";
import { logger } from "../log/logger";
import { AppError } from "./app-error";

export type ErrorBody = { code: string; message: string; details?: Record<string, unknown>; correlationId?: string };
export type ErrorAnswer = { status: number; body: ErrorBody; headers?: Record<string, string> };

/** Seconds a caller is asked to wait while the database is unavailable (a restart takes a few). */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

// The one place errors become HTTP answers: AppError keeps its status and sentence, invalid input is a 422 with
// the path of every invalid field, a database that cannot be reached is a 503 with Retry-After (logged once per
// outage, lib/db/database-unavailable.ts), and anything else is an opaque 500 whose correlation id is in the log.
export function errorToAnswer(error: unknown): ErrorAnswer {
  if (error instanceof AppError) {
    const retryAfter = error.code === "RATE_LIMITED" ? error.details?.retryAfterSeconds : undefined;
    return {
      status: error.status,
      body: { code: error.code, message: error.message, details: error.details },
      // A rate limit says when to come back (lib/rate-limit).
      ...(typeof retryAfter === "number" ? { headers: { "retry-after": String(retryAfter) } } : {}),
    };
  }
  if (error instanceof ZodError) {
    const errors = error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
    return { status: 422, body: { code: "VALIDATION_FAILED", message: "Some fields are missing or invalid.", details: { errors } } };
  }
  if (isDatabaseUnavailable(error)) {
    reportDatabaseUnavailable(error, "request");
    return {
      status: 503,
      body: { code: "DATABASE_UNAVAILABLE", message: "The database cannot be reached just now, so this request was not completed. Try again in a few seconds.", details: { retryable: true } },
      headers: { "retry-after": String(DATABASE_RETRY_AFTER_SECONDS) },
    };
  }
  const fromDatabase = databaseRefusal(error);
  if (fromDatabase) return errorToAnswer(fromDatabase);
  const correlationId = randomUUID();
  logger.error({ err: error, correlationId }, "unhandled error");
  return { status: 500, body: { code: "INTERNAL", message: "Something went wrong on our side. Quote this id if it keeps happening.", correlationId } };
}

// SQLSTATEs for text PostgreSQL cannot hold: a NUL byte in a text column (22021) or in jsonb (22P05).
const UNSTORABLE_TEXT = new Set(["22021", "22P05"]);

/** The database's refusals that input causes, as the AppError they stand for; null for everything else. */
function databaseRefusal(error: unknown): AppError | null {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return null;
  if (error.code === "P2025") return new AppError("NOT_FOUND", "That record does not exist, or no longer does.");
  if (error.code === "P2002") return new AppError("CONFLICT", "Something with the same identity already exists.");
  const sqlState = (error.meta?.driverAdapterError as { cause?: { originalCode?: unknown } } | undefined)?.cause?.originalCode;
  if (typeof sqlState === "string" && UNSTORABLE_TEXT.has(sqlState)) {
    return new AppError("BAD_REQUEST", "The request contains a NUL character (or other text that cannot be stored); remove it and try again.");
  }
  return null;
}

/** errorToAnswer as a fetch Response, for route handlers. */
export function errorToResponse(error: unknown): Response {
  const { status, body, headers } = errorToAnswer(error);
  return Response.json(body, { status, ...(headers ? { headers } : {}) });
}
