import { z } from "zod";

// What lib/ingest stored for one QuickBooks notification (InboundEvent.payload): the parsed QboNotification of
// lib/qbo/webhooks/parse-notifications.ts with its time as ISO text. Parsed again here because it crosses a
// boundary (the database, and rows written by older versions of the code).
export const NotificationPayloadSchema = z.object({
  realmId: z.string().min(1).max(100),
  entity: z.string().min(1).max(100),
  entityId: z.string().min(1).max(100),
  operation: z.string().min(1).max(50),
  occurredAt: z.iso.datetime({ offset: true }).transform((value) => new Date(value)),
  deletedId: z.string().min(1).max(100).optional(),
  key: z.string().min(1),
  format: z.enum(["legacy", "cloudevents"]),
});
export type NotificationPayload = z.infer<typeof NotificationPayloadSchema>;
