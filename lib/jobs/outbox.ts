import { createHash } from "node:crypto";
import { events, isEventName, type EventData, type EventName } from "../../inngest/events";
import type { Prisma } from "../db";
import { AppError } from "../errors/app-error";

// The transactional outbox: code that changes data and must start background work writes the event here, in the
// same transaction as the change, so the two commit or roll back together. lib/jobs/dispatch.ts then sends it to
// Inngest with the row id as the event id, which Inngest deduplicates (24 h): a re-send never runs work twice.

/** Inngest event ids are kept under this length; longer identities are hashed by `outboxEventId`. */
export const MAX_EVENT_ID_LENGTH = 128;

export type EnqueueInput<N extends EventName> = {
  /** Deterministic from business identity (see `outboxEventId`): the same change twice is the same event. */
  id: string;
  name: N;
  data: EventData<N>;
  workspaceId?: string | null;
};

/**
 * Writes an event to the outbox inside the caller's transaction. Enqueueing an id that already exists does
 * nothing (`inserted: false`), so a retried producer does not create a second event.
 */
export async function enqueueEvent<N extends EventName>(tx: Prisma.TransactionClient, input: EnqueueInput<N>): Promise<{ inserted: boolean }> {
  if (!isEventName(input.name)) throw new AppError("VALIDATION_FAILED", `There is no event named "${String(input.name)}".`);
  if (input.id.length === 0 || input.id.length > MAX_EVENT_ID_LENGTH) {
    throw new AppError("VALIDATION_FAILED", `An outbox event id must be 1 to ${MAX_EVENT_ID_LENGTH} characters; use outboxEventId().`, { event: input.name });
  }
  const parsed = events[input.name].safeParse(input.data);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
    throw new AppError("VALIDATION_FAILED", `The data of event "${input.name}" does not match its schema.`, { event: input.name, errors });
  }
  // Both times come from this process's clock, as does the dispatcher's "now": a clock skew between the app and
  // the database can then never hide a fresh row from the dispatch that follows its commit.
  const now = new Date();
  const { count } = await tx.outboxMessage.createMany({
    data: [{ id: input.id, workspaceId: input.workspaceId ?? null, eventName: input.name, payload: parsed.data, createdAt: now, availableAt: now }],
    skipDuplicates: true, // INSERT ... ON CONFLICT DO NOTHING
  });
  return { inserted: count === 1 };
}

/**
 * A deterministic event id: the parts joined with ":" (the event name first, by convention), e.g.
 * `qbo/connection.connected:qbc_1f…:1763750000000`. ":" and "%" inside a part are escaped, so different part
 * lists never give the same id. An id longer than 128 characters becomes the first part (cut to 40) plus the
 * SHA-256 of the whole.
 */
export function outboxEventId(...parts: string[]): string {
  if (parts.length === 0 || parts.some((part) => part.length === 0)) {
    // An empty part is a missing identifier: two different events would share an id and one would be lost.
    throw new AppError("VALIDATION_FAILED", "An outbox event id needs at least one part, and no empty parts.");
  }
  const escaped = parts.map((part) => part.replaceAll("%", "%25").replaceAll(":", "%3A"));
  const joined = escaped.join(":");
  if (joined.length <= MAX_EVENT_ID_LENGTH) return joined;
  return `${escaped[0]!.slice(0, 40)}:sha256:${createHash("sha256").update(joined).digest("hex")}`;
}
