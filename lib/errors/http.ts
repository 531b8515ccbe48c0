import { randomUUID } from "node:crypto";
import { ZodError } from "zod";
import { logger } from "../log/logger";
import { AppError } from "./app-error";

export type ErrorBody = { code: string; message: string; details?: Record<string, unknown>; correlationId?: string };

// The one place errors become HTTP answers: AppError keeps its status and sentence, invalid input is a 422 with
// the path of every invalid field, and anything else is an opaque 500 whose correlation id is in the log.
export function errorToAnswer(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof AppError) {
    return { status: error.status, body: { code: error.code, message: error.message, details: error.details } };
  }
  if (error instanceof ZodError) {
    const errors = error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
    return { status: 422, body: { code: "VALIDATION_FAILED", message: "Some fields are missing or invalid.", details: { errors } } };
  }
  const correlationId = randomUUID();
  logger.error({ err: error, correlationId }, "unhandled error");
  return { status: 500, body: { code: "INTERNAL", message: "Something went wrong on our side. Quote this id if it keeps happening.", correlationId } };
}

/** errorToAnswer as a fetch Response, for route handlers. */
export function errorToResponse(error: unknown): Response {
  const { status, body } = errorToAnswer(error);
  return Response.json(body, { status });
}
