import { eventType, type EventType } from "inngest";
import { z } from "zod";

// Every event the app sends to Inngest, by name, with the zod schema of its data: the one registry both sides read.
// Producers write events through lib/jobs/outbox.ts, which validates against it inside their transaction;
// functions trigger on `eventTypes[name]`, so their handlers see the same typed data.
export const events = {
  // A QuickBooks company was connected to a workspace, or reconnected: its waiting postings are drained
  // (inngest/functions/resume-connection.ts).
  "qbo/connection.connected": z.object({
    workspaceId: z.string().min(1),
    connectionId: z.string().min(1),
    realmId: z.string().min(1),
  }),
  // A raw event was stored (webhook or events API) and waits to be turned into canonical events. Written by
  // lib/ingest in the same statement as the inbound event, so a crash between store and enqueue loses nothing.
  "ingest/event.received": z.object({
    workspaceId: z.string().min(1),
    inboundEventId: z.string().min(1),
  }),
  // QuickBooks said an entity changed in a connected company (webhook, either format). Read back by the
  // listen-back pipeline (mirror, drift); until then it is recorded and visible in the executor.
  "qbo/notification.received": z.object({
    workspaceId: z.string().min(1),
    inboundEventId: z.string().min(1),
  }),
  // A canonical event was written, or changed while still pending: the sync pipeline plans its postings.
  // Written by lib/ingest/normalise-inbound-event.ts in the transaction that writes the event.
  "sync/event.ready": z.object({
    workspaceId: z.string().min(1),
    canonicalEventId: z.string().min(1),
  }),
  // Postings of one QuickBooks company may be ready to send: its drainer runs (lib/sync/drain-connection.ts).
  // Sent after postings are stored, approved or retried; any number of kicks share the work.
  "sync/postings.ready": z.object({
    workspaceId: z.string().min(1),
    qboConnectionId: z.string().min(1),
  }),
} as const;

export type EventName = keyof typeof events;
export type EventData<N extends EventName> = z.infer<(typeof events)[N]>;

type EventTypes = { [N in EventName]: EventType<N, (typeof events)[N]> };

/** Typed triggers, e.g. `triggers: [eventTypes["qbo/connection.connected"]]`. */
export const eventTypes = Object.fromEntries(
  Object.entries(events).map(([name, schema]) => [name, eventType(name, { schema: schema as z.ZodType<Record<string, unknown>, Record<string, unknown>> })]),
) as unknown as EventTypes;

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name);
}
