import { AppError } from "../errors/app-error";
import { CanonicalEventSchema, type CanonicalEvent, type CanonicalEventInput } from "./schema";

/**
 * What a normaliser (lib/sources/<source>/to-canonical.ts) returns for one verified source event: the canonical
 * events it means, in order, or none with the reason (an event type we do not book, such as a Stripe
 * `charge.updated` that only changed a description). A payload that cannot be understood throws an AppError
 * whose message a finance person can act on; it lands in the exception queue, never silently dropped.
 */
export type Normalised = { events: CanonicalEvent[]; ignoredBecause?: string };

/** Validates what a normaliser built, so a normaliser bug surfaces as a clear error rather than a bad posting. */
export function normalised(events: CanonicalEventInput[]): Normalised {
  return { events: events.map((event) => parseCanonical(event)) };
}

export function ignored(reason: string): Normalised {
  return { events: [], ignoredBecause: reason };
}

function parseCanonical(event: CanonicalEventInput): CanonicalEvent {
  const result = CanonicalEventSchema.safeParse(event);
  if (result.success) return result.data;
  const fields = result.error.issues.map((issue) => `${issue.path.join(".") || "(event)"}: ${issue.message}`);
  throw new AppError("VALIDATION_FAILED", `The ${event.kind} event from ${event.source} is incomplete: ${fields.join("; ")}`, {
    errors: result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })),
  });
}
