import { z } from "zod";
import { authenticateApiKey } from "../api-keys/authenticate-api-key";
import { db } from "../db";
import type { EventSource, InboundEventStatus } from "../db/generated/enums";
import { AppError } from "../errors/app-error";
import { isPlainPathParam } from "../http/path-params";
import { RATE_LIMITS } from "../rate-limit/rules";
import { takeRateLimit } from "../rate-limit/take-rate-limit";

// GET /api/v1/events and /api/v1/events/{id}: the events:read scope. Every event the workspace received (from
// this API, Stripe, Shopify or QuickBooks) with what became of it, newest first. The workspace is the API key's,
// and it is in every query's where, so another workspace's event is a 404 like one that does not exist.

const SOURCES = ["api", "stripe", "shopify", "quickbooks"] as const;
const STATUSES = ["received", "normalised", "unrouted", "failed", "ignored"] as const;

export const ListEventsQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.string().max(200).optional(),
    source: z.enum(SOURCES).optional(),
    status: z.enum(STATUSES).optional(),
  })
  .strict();

const ROW = { id: true, source: true, externalId: true, eventType: true, status: true, error: true, occurredAt: true, receivedAt: true, processedAt: true } as const;
type Row = { id: string; source: EventSource; externalId: string; eventType: string; status: InboundEventStatus; error: string | null; occurredAt: Date | null; receivedAt: Date; processedAt: Date | null };

/** An event as the API shows it; an API event's externalId is the id it was sent with (stored as type:id). */
function view(row: Row) {
  const externalId = row.source === "API" && row.externalId.startsWith(`${row.eventType}:`) ? row.externalId.slice(row.eventType.length + 1) : row.externalId;
  return {
    id: row.id,
    source: row.source.toLowerCase(),
    type: row.eventType,
    externalId,
    status: row.status.toLowerCase(),
    error: row.error,
    occurredAt: row.occurredAt?.toISOString() ?? null,
    receivedAt: row.receivedAt.toISOString(),
    processedAt: row.processedAt?.toISOString() ?? null,
  };
}

// The cursor is the last row's (receivedAt, id): opaque to callers, and never a way into another workspace,
// because it only narrows a query that is already the key's workspace's.
function encodeCursor(row: Row): string {
  return Buffer.from(`${row.receivedAt.toISOString()}|${row.id}`).toString("base64url");
}

function decodeCursor(cursor: string): { receivedAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const receivedAt = new Date(at ?? "");
  if (!id || !isPlainPathParam(id) || Number.isNaN(receivedAt.getTime())) {
    throw new AppError("BAD_REQUEST", "The cursor is not one this API gave out: pass nextCursor from the previous page as it was.");
  }
  return { receivedAt, id };
}

async function reader(request: Request) {
  const principal = await authenticateApiKey(request, "events:read");
  await takeRateLimit(RATE_LIMITS.eventsApi, principal.apiKeyId);
  return principal;
}

/** GET /api/v1/events?limit=&cursor=&source=&status= */
export async function listApiEvents(request: Request) {
  const principal = await reader(request);
  const query = ListEventsQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const rows = await db.inboundEvent.findMany({
    where: {
      workspaceId: principal.workspaceId,
      ...(query.source ? { source: query.source.toUpperCase() as EventSource } : {}),
      ...(query.status ? { status: query.status.toUpperCase() as InboundEventStatus } : {}),
      ...(after ? { OR: [{ receivedAt: { lt: after.receivedAt } }, { receivedAt: after.receivedAt, id: { lt: after.id } }] } : {}),
    },
    orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    select: ROW,
  });
  const page = rows.slice(0, query.limit);
  return { events: page.map(view), nextCursor: rows.length > query.limit ? encodeCursor(page[page.length - 1]!) : null };
}

/** GET /api/v1/events/{id}: one event with its status, and for API events the payload as sent. */
export async function getApiEvent(request: Request, id: string) {
  const principal = await reader(request);
  const row = isPlainPathParam(id)
    ? await db.inboundEvent.findFirst({ where: { id, workspaceId: principal.workspaceId }, select: { ...ROW, payload: true } })
    : null;
  if (!row) throw new AppError("NOT_FOUND", "There is no event with this id in the API key's workspace.");
  return { event: { ...view(row), ...(row.source === "API" ? { payload: row.payload } : {}) } };
}
