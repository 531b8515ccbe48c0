import { randomUUID } from "node:crypto";
import { ZodError } from "zod";
import { logger } from "../log/logger";
import { AppError } from "./app-error";

export type ErrorBody = { code: string; message: string; details?: Record<string, unknown>; correlationId?: string };

// The one place errors become HTTP answers: AppError keeps its status and sentence, invalid input is a 422 with
// the path of every invalid field, and anything else is an opaque 500 whose correlation id is in the log.
export function errorToResponse(error: unknown): Response {
  if (error instanceof AppError) {
    return Response.json({ code: error.code, message: error.message, details: error.details } satisfies ErrorBody, {
      status: error.status,
    });
  }
  if (error instanceof ZodError) {
    const errors = error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
    return Response.json(
      { code: "VALIDATION_FAILED", message: "Some fields are missing or invalid.", details: { errors } } satisfies ErrorBody,
      { status: 422 },
    );
  }
  const correlationId = randomUUID();
  logger.error({ err: error, correlationId }, "unhandled error");
  return Response.json(
    { code: "INTERNAL", message: "Something went wrong on our side. Quote this id if it keeps happening.", correlationId } satisfies ErrorBody,
    { status: 500 },
  );
}
