// The codes of the exceptions the catch-up sweep (sweep-stranded-events.ts) opens when it gives up on an event.
// Apart so that the code that resolves them late (normalisation, planning) and the sync status, which counts
// them, can name them without importing the sweep, which imports the sync pipeline.

/** An inbound event never normalised after the last try; a late normalisation resolves it. */
export const EVENT_NOT_PROCESSED = "EVENT_NOT_PROCESSED";
/** A canonical event never planned after the last try; a late plan (plan-event.ts) resolves it. */
export const EVENT_NOT_PLANNED = "EVENT_NOT_PLANNED";
