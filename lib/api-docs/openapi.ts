import { z } from "zod";
import { API_KEY_SCOPES } from "../api-keys/api-key-scopes";
import { ListEventsQuerySchema } from "../ingest/read-api-events";
import { MAX_API_BODY_BYTES, MAX_EVENTS_PER_REQUEST } from "../ingest/receive-api-events";
import { RATE_LIMITS } from "../rate-limit/rules";
import { API_EVENT_EXAMPLE } from "../sources/api/example";
import { ApiEventsRequestSchema } from "../sources/api/schema";
import { VERSION } from "../version";

// The events API's OpenAPI document, generated from the same zod schemas the route validates with, so the
// published contract cannot drift from what the server accepts.

const AcceptedSchema = z
  .object({
    events: z.array(
      z.object({
        index: z.int().meta({ description: "Position of the event in the request." }),
        id: z.string().meta({ description: "Ledgerwire's id for the stored event." }),
        externalId: z.string().meta({ description: "Your id for the event, as sent." }),
        type: z.string(),
        status: z.enum(["accepted", "duplicate"]).meta({ description: "duplicate: an event with this type and id was received before; it is not booked twice." }),
      }),
    ),
  })
  .meta({ description: "Every event was stored durably; each will be booked to QuickBooks." });

const EventSchema = z
  .object({
    id: z.string().meta({ description: "Ledgerwire's id for the event (as answered by POST)." }),
    source: z.enum(["api", "stripe", "shopify", "quickbooks"]),
    type: z.string().meta({ description: "The event's type, e.g. sale, or the webhook's (charge.succeeded, orders/paid)." }),
    externalId: z.string().meta({ description: "The source's id for the event; for this API, the id you sent." }),
    status: z.enum(["received", "normalised", "unrouted", "failed", "ignored"]).meta({
      description: "received: stored, waiting to be read; normalised: turned into financial events for booking; failed: could not be read (see error); ignored: nothing to book.",
    }),
    error: z.string().nullable().meta({ description: "Why the event failed, in a sentence; null otherwise." }),
    occurredAt: z.string().nullable(),
    receivedAt: z.string(),
    processedAt: z.string().nullable(),
  })
  .meta({ description: "An event the workspace received and what became of it." });

const EventsPageSchema = z
  .object({
    events: z.array(EventSchema),
    nextCursor: z.string().nullable().meta({ description: "Pass as cursor for the next page; null on the last one." }),
  })
  .meta({ description: "A page of events, newest first." });

const EventWithPayloadSchema = z.object({ event: EventSchema.extend({ payload: z.unknown().optional().meta({ description: "For events sent to this API: the event as sent." }) }) });

const ErrorSchema = z
  .object({
    code: z.string().meta({ description: "Machine-readable, e.g. VALIDATION_FAILED." }),
    message: z.string().meta({ description: "A sentence saying what to change." }),
    details: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ description: "An error: `details.errors` lists `{path, message}` for each invalid field on 422." });

const jsonSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { target: "openapi-3.0", io: "input", unrepresentable: "any" });
const error = (description: string) => ({ description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } });

const queryParameters = () => {
  const shape = jsonSchema(ListEventsQuerySchema) as { properties: Record<string, unknown> };
  const described: Record<string, string> = {
    limit: "Events per page, 1 to 100 (default 50).",
    cursor: "nextCursor from the previous page.",
    source: "Only events from this source.",
    status: "Only events with this status.",
  };
  return Object.entries(shape.properties).map(([name, schema]) => ({ name, in: "query", required: false, schema, description: described[name] }));
};

const limited = error(`Rate limited: at most ${RATE_LIMITS.eventsApi.limit} requests a minute per API key; wait the seconds in Retry-After.`);

export function buildOpenApiDocument(serverUrl: string) {
  return {
    openapi: "3.0.3",
    info: {
      title: "Ledgerwire events API",
      version: VERSION,
      description:
        "Send money events from your own systems; Ledgerwire books each to QuickBooks Online exactly once. Amounts are integer minor units of their currency (1999 = 19.99 USD).",
    },
    servers: [{ url: serverUrl }],
    security: [{ apiKey: [] }],
    paths: {
      "/api/v1/events": {
        post: {
          operationId: "sendEvents",
          summary: `Send 1 to ${MAX_EVENTS_PER_REQUEST} events`,
          description: `Needs an API key with the events:write scope. Events are stored before the answer; an event whose type and id were sent before is reported as a duplicate and not booked again. Bodies up to ${MAX_API_BODY_BYTES / 1024 / 1024} MiB.`,
          parameters: [
            {
              name: "Idempotency-Key",
              in: "header",
              required: false,
              schema: { type: "string", maxLength: 255 },
              description: "Retry safely: the same key and body within 24 hours get the first answer again (header Idempotent-Replayed: true); the same key with another body gets 409.",
            },
          ],
          requestBody: {
            required: true,
            content: { "application/json": { schema: { $ref: "#/components/schemas/EventsRequest" }, example: { events: [API_EVENT_EXAMPLE] } } },
          },
          responses: {
            "202": { description: "Stored", content: { "application/json": { schema: { $ref: "#/components/schemas/Accepted" } } } },
            "400": error("The body is not JSON, or a header is malformed."),
            "401": error("The API key is missing, unknown or revoked."),
            "403": error("The API key lacks the events:write scope."),
            "409": error("The Idempotency-Key was used with a different body."),
            "413": error(`More than ${MAX_EVENTS_PER_REQUEST} events, or a body over the size limit.`),
            "415": error("The body is not sent as application/json."),
            "422": error("Some events are invalid: details.errors has the path of each invalid field, e.g. events.3.amount_minor."),
            "429": limited,
          },
        },
        get: {
          operationId: "listEvents",
          summary: "List events and their status",
          description: "Needs an API key with the events:read scope. Every event the key's workspace received (from this API and its connected sources), newest first, a page at a time.",
          parameters: queryParameters(),
          responses: {
            "200": { description: "A page of events", content: { "application/json": { schema: { $ref: "#/components/schemas/EventsPage" } } } },
            "400": error("The cursor is not one this API gave out."),
            "401": error("The API key is missing, unknown, revoked or expired."),
            "403": error("The API key lacks the events:read scope."),
            "422": error("A query parameter is unknown or out of range."),
            "429": limited,
          },
        },
      },
      "/api/v1/events/{id}": {
        get: {
          operationId: "getEvent",
          summary: "Fetch one event and its status",
          description: "Needs an API key with the events:read scope. An event of another workspace is answered 404, like one that does not exist.",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" }, description: "The id POST answered with." }],
          responses: {
            "200": { description: "The event", content: { "application/json": { schema: { $ref: "#/components/schemas/EventWithPayload" } } } },
            "401": error("The API key is missing, unknown, revoked or expired."),
            "403": error("The API key lacks the events:read scope."),
            "404": error("There is no event with this id in the key's workspace."),
            "429": limited,
          },
        },
      },
    },
    components: {
      securitySchemes: {
        apiKey: {
          type: "http",
          scheme: "bearer",
          description: `A workspace API key (lw_live_…), created under Settings › API keys. Scopes: ${API_KEY_SCOPES.map((s) => s.id).join(", ")}.`,
        },
      },
      schemas: {
        EventsRequest: jsonSchema(ApiEventsRequestSchema),
        Accepted: jsonSchema(AcceptedSchema),
        EventsPage: jsonSchema(EventsPageSchema),
        EventWithPayload: jsonSchema(EventWithPayloadSchema),
        Error: jsonSchema(ErrorSchema),
      },
    },
  };
}
