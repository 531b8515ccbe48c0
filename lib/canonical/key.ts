import type { CanonicalEvent } from "./schema";

// The idempotency key of a canonical event comes from business identity only: the source, the kind and the
// source's id of the object. Re-deriving the same raw event (a replay, a duplicate delivery that slipped past
// dedup, an edited normaliser) yields the same key, so the row is updated rather than doubled, and the key can
// be carried on to the QuickBooks requestid and the cross-reference row.
export function canonicalKey(event: Pick<CanonicalEvent, "source" | "kind" | "sourceIds">): string {
  return `${event.source.toLowerCase()}:${event.kind.toLowerCase()}:${event.sourceIds.object}`;
}
