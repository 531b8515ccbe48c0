import { readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import type { CanonicalKind, CanonicalOf, Line, Normalised, TaxLine } from "../../canonical";
import { parseShopifyJson } from "./parse-shopify-json";

// Test helpers: the Shopify reference order (test/payloads/SOURCES.md says where it comes from), read through the
// same parser the webhook route uses, plus a deep clone for scenarios that alter a field or two.

type Json = Record<string, unknown>;

const FIXTURE = path.resolve(import.meta.dirname, "../../../test/payloads/shopify/orders_create_payload_from_rest_order_450789469.json");

/** Shopify's documentation order #1001 (id 450789469), as the orders/create body; a fresh copy each call. */
export function referenceOrder(): Json {
  return parseShopifyJson(readFileSync(FIXTURE, "utf8")) as Json;
}

/** The reference order with top-level fields replaced: every scenario names exactly what it changes. */
export function orderWith(changes: Json, edit?: (order: Json) => void): Json {
  const order = { ...referenceOrder(), ...changes };
  edit?.(order);
  return order;
}

/** The refund embedded in the reference order (id 509562969), which the refunds/create body has the shape of. */
export function referenceRefund(): Json {
  const refunds = referenceOrder().refunds as Json[];
  return refunds[0]!;
}

export function itemsOf(body: Json, key: string): Json[] {
  return body[key] as Json[];
}

/** The one event a normaliser produced, checked to be of `kind`. */
export function single<K extends CanonicalKind>(result: Normalised, kind: K): CanonicalOf<K> {
  expect(result.ignoredBecause).toBeUndefined();
  expect(result.events).toHaveLength(1);
  expect(result.events[0]!.kind).toBe(kind);
  return result.events[0] as CanonicalOf<K>;
}

export const taxText = (tax: TaxLine) => `${tax.name} ${tax.ratePercent}% ${tax.amountMinor}${tax.inclusive ? " included" : ""}`;
export const lineText = (line: Line) => `${line.quantity} × ${line.description} = ${line.amountMinor} [${line.taxes.map(taxText).join(", ")}]`;
