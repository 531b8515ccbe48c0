import type { EventSource } from "../db/generated/enums";
import { AppError } from "../errors/app-error";
import { parseShopifyJson } from "../sources/shopify/parse-shopify-json";

type StoredInboundRow = { source: EventSource; payload: unknown; delivery: { rawBody: Uint8Array } | null };

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * An inbound event's JSON. Stripe and Shopify events are their delivery's whole body and are stored once, as
 * the signed bytes (InboundEvent.payload is null): they are parsed here as ingest parsed them, Shopify keeping
 * its 64-bit ids exact. The bytes were checked as UTF-8 JSON when they arrived.
 */
export function inboundPayload(event: StoredInboundRow): unknown {
  if (event.payload !== null) return event.payload;
  if (!event.delivery) throw new AppError("NOT_FOUND", "This event's delivery, which holds its body, is missing.");
  const text = utf8.decode(event.delivery.rawBody);
  return event.source === "SHOPIFY" ? parseShopifyJson(text) : (JSON.parse(text) as unknown);
}
