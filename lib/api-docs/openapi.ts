import { z } from "zod";
import { API_KEY_SCOPES } from "../api-keys/api-key-scopes";
import { MAX_API_BODY_BYTES, MAX_EVENTS_PER_REQUEST } from "../ingest/receive-api-events";
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

const ErrorSchema = z
  .object({
    code: z.string().meta({ description: "Machine-readable, e.g. VALIDATION_FAILED." }),
    message: z.string().meta({ description: "A sentence saying what to change." }),
    details: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ description: "An error: `details.errors` lists `{path, message}` for each invalid field on 422." });

const jsonSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { target: "openapi-3.0", io: "input", unrepresentable: "any" });
const error = (description: string) => ({ description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } });

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
        Error: jsonSchema(ErrorSchema),
      },
    },
  };
}
