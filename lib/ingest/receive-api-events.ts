import { createHash } from "node:crypto";
import { authenticateApiKey } from "../api-keys/authenticate-api-key";
import { db } from "../db";
import { AppError } from "../errors/app-error";
import { kickDispatcher } from "../jobs/dispatch";
import { RATE_LIMITS } from "../rate-limit/rules";
import { takeRateLimit } from "../rate-limit/take-rate-limit";
import { ApiEventsRequestSchema } from "../sources/api/schema";
import { claimIdempotencyKey, readIdempotencyKey, saveIdempotentAnswer } from "./idempotency-key";
import { parseJsonBody, readBody } from "./read-body";
import { storeApiEvents } from "./store-api-events";

/** 500 events of a few KiB each fit well inside this; more is a batch to split. */
export const MAX_API_BODY_BYTES = 5 * 1024 * 1024;
export const MAX_EVENTS_PER_REQUEST = 500;

export type ApiAnswer = { status: number; body: unknown; replayed: boolean };

/**
 * POST /api/v1/events: a customer's own system sends money events. The workspace is the API key's, never
 * the body's. Events are validated whole (422 lists every invalid field by path), stored durably with their
 * outbox rows in one transaction, and answered 202 with an id per event; normalising happens in a job.
 */
export async function receiveApiEvents(request: Request): Promise<ApiAnswer> {
  const principal = await authenticateApiKey(request, "events:write");
  // Per key, counted in PostgreSQL: a runaway integration slows itself down, not the other workspaces.
  await takeRateLimit(RATE_LIMITS.eventsApi, principal.apiKeyId);
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(contentType)) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the events as JSON with Content-Type: application/json.");
  }
  const key = readIdempotencyKey(request);
  const rawBody = await readBody(request, MAX_API_BODY_BYTES);
  const json = parseJsonBody(rawBody);
  if (!json.ok) throw new AppError("BAD_REQUEST", json.error);
  const count = (json.value as { events?: unknown })?.events;
  if (Array.isArray(count) && count.length > MAX_EVENTS_PER_REQUEST) {
    throw new AppError("PAYLOAD_TOO_LARGE", `Send at most ${MAX_EVENTS_PER_REQUEST} events per request (this one has ${count.length}); split the batch.`, {
      maxEvents: MAX_EVENTS_PER_REQUEST,
    });
  }
  const { events } = ApiEventsRequestSchema.parse(json.value);
  const requestHash = createHash("sha256").update(rawBody).digest("hex");

  const answer = await db.$transaction(async (tx) => {
    if (key) {
      const earlier = await claimIdempotencyKey(tx, { workspaceId: principal.workspaceId, key, requestHash });
      if (earlier) return earlier;
    }
    const accepted = await storeApiEvents(tx, principal.workspaceId, events);
    const body = { events: accepted };
    if (key) await saveIdempotentAnswer(tx, { workspaceId: principal.workspaceId, key, status: 202, body });
    return { status: 202, body, replayed: false };
  });
  if (!answer.replayed) kickDispatcher();
  return answer;
}
