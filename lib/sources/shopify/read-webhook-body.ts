import type { z } from "zod";
import { AppError } from "../../errors/app-error";

/**
 * Validates a webhook body against its topic's schema. A body we cannot read is a permanent failure: it goes to the
 * exception queue with a sentence naming the topic and the fields at fault, never silently dropped.
 */
export function readWebhookBody<S extends z.ZodType>(topic: string, schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body, {
    error: (issue) => (issue.input === undefined ? "is missing" : undefined),
  });
  if (result.success) return result.data;
  const errors = result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
  const shown = errors.slice(0, 5).map(({ path, message }) => (message === "is missing" ? `${path || "the body"} is missing` : `${path || "the body"}: ${message}`));
  const more = errors.length > shown.length ? ` (and ${errors.length - shown.length} more)` : "";
  throw new AppError("VALIDATION_FAILED", `The Shopify ${topic} webhook cannot be booked: ${shown.join("; ")}${more}.`, { topic, errors });
}
