import { z } from "zod";

// QuickBooks sends two body formats (QBO-FACTS.md, "Webhooks"): the legacy `eventNotifications` object, one
// notification per company with a list of changed entities, and the CloudEvents array, one event per change
// (mandatory for apps from mid-2026). Both only NAME what changed; the data is read back through the API. Each
// becomes one notification per company and entity change, with a key that is the same every time QuickBooks
// re-sends it, so duplicates collapse.

export type QboNotification = {
  realmId: string;
  entity: string;
  entityId: string;
  /** Create, Update, Delete, Merge, Void, Emailed. */
  operation: string;
  occurredAt: Date;
  /** Merge: the id of the record merged away. */
  deletedId?: string;
  /** Stable across re-sends: CloudEvents' id, or realm + entity + id + operation + lastUpdated for legacy. */
  key: string;
  format: "legacy" | "cloudevents";
};

const idString = z.union([z.string().min(1).max(100), z.number().int().nonnegative()]).transform(String);
// Legacy times look like 2015-10-05T14:42:19-0700 or 2025-09-08T20:52:31.657Z; CloudEvents carry nanoseconds.
const timestamp = z
  .string()
  .max(64)
  .transform((value, ctx) => {
    const normalised = value.replace(/(\.\d{3})\d+/, "$1").replace(/([+-]\d{2})(\d{2})$/, "$1:$2");
    const date = new Date(normalised);
    if (Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: "custom", message: `"${value}" is not a time` });
      return z.NEVER;
    }
    return date;
  });

const LegacySchema = z.object({
  eventNotifications: z
    .array(
      z.object({
        realmId: idString,
        dataChangeEvent: z.object({
          entities: z
            .array(
              z.object({
                name: z.string().min(1).max(100),
                id: idString,
                operation: z.string().min(1).max(50),
                lastUpdated: timestamp,
                deletedId: idString.optional(),
              }),
            )
            .max(10_000),
        }),
      }),
    )
    .max(10_000),
});

const CloudEventSchema = z.object({
  specversion: z.string().max(10),
  id: z.string().min(1).max(200),
  type: z.string().regex(/^qbo\.[a-z0-9_]+\.[a-z0-9_]+\.v\d+$/i, "expected qbo.<entity>.<operation>.v<n>"),
  time: timestamp,
  intuitentityid: idString,
  intuitaccountid: idString,
  data: z.object({ deletedid: idString.optional() }).passthrough().nullish(),
});

const OPERATIONS: Record<string, string> = { created: "Create", updated: "Update", deleted: "Delete", merged: "Merge", voided: "Void", emailed: "Emailed" };

export class NotificationParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NotificationParseError";
  }
}

/** Parses a verified body (either format). Throws NotificationParseError with a readable reason otherwise. */
export function parseQboNotifications(body: unknown): QboNotification[] {
  if (Array.isArray(body)) {
    const parsed = z.array(CloudEventSchema).max(10_000).safeParse(body);
    if (!parsed.success) throw new NotificationParseError(describe("CloudEvents", parsed.error));
    return parsed.data.map((event) => {
      const [, entityLower = "", past = ""] = event.type.split(".");
      return {
        realmId: event.intuitaccountid,
        entity: entityName(entityLower),
        entityId: event.intuitentityid,
        operation: OPERATIONS[past.toLowerCase()] ?? past,
        occurredAt: event.time,
        ...(event.data?.deletedid !== undefined ? { deletedId: event.data.deletedid } : {}),
        key: `ce:${event.id}`,
        format: "cloudevents" as const,
      };
    });
  }
  const parsed = LegacySchema.safeParse(body);
  if (!parsed.success) throw new NotificationParseError(describe("eventNotifications", parsed.error));
  return parsed.data.eventNotifications.flatMap(({ realmId, dataChangeEvent }) =>
    dataChangeEvent.entities.map((e) => ({
      realmId,
      entity: e.name,
      entityId: e.id,
      operation: e.operation,
      occurredAt: e.lastUpdated,
      ...(e.deletedId !== undefined ? { deletedId: e.deletedId } : {}),
      key: `legacy:${realmId}:${e.name}:${e.id}:${e.operation}:${e.lastUpdated.toISOString()}`,
      format: "legacy" as const,
    })),
  );
}

// CloudEvents types are lower-case ("qbo.journalentry.created.v1"); the API and the legacy format use
// QuickBooks' entity names. The ones whose case cannot be guessed from the first letter are listed.
const ENTITY_NAMES = Object.fromEntries(
  [
    "JournalEntry", "SalesReceipt", "RefundReceipt", "CreditMemo", "TaxCode", "TaxRate", "TaxAgency", "PaymentMethod",
    "BillPayment", "VendorCredit", "PurchaseOrder", "TimeActivity", "CompanyInfo", "CompanyCurrency", "JournalCode",
  ].map((name) => [name.toLowerCase(), name]),
);

function entityName(lower: string): string {
  return ENTITY_NAMES[lower] ?? lower.charAt(0).toUpperCase() + lower.slice(1);
}

function describe(format: string, error: z.ZodError): string {
  const first = error.issues[0];
  const where = first && first.path.length > 0 ? ` at ${first.path.join(".")}` : "";
  return `The body is not a QuickBooks ${format} notification${where}: ${first?.message ?? "unexpected shape"}.`;
}
