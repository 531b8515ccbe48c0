import type { Dependency } from "../types/plan";

// Placeholders stand where a QuickBooks id goes but is not known to the pure core. They are plain strings of one
// shape, `{{kind:...}}`, so the body stays valid JSON and the pipeline can swap them without knowing the entity.

export function customerToken(source: string, sourceId: string): string {
  return `{{customer:${source}:${sourceId}}}`;
}
export function postingToken(eventKey: string, target: string): string {
  return `{{posting:${eventKey}#${target}}}`;
}
export function invoiceToken(source: string, invoiceSourceId: string): string {
  return `{{invoice:${source}:${invoiceSourceId}}}`;
}
export function invoiceCustomerToken(source: string, invoiceSourceId: string): string {
  return `{{invoice-customer:${source}:${invoiceSourceId}}}`;
}

const TOKEN = /^\{\{[a-z-]+:.+\}\}$/;

/**
 * Replaces every placeholder token in `body` with the id `resolve` gives it (a deep copy; the plan is kept as
 * built). Throws when a token has no id, so nothing half-resolved is ever sent.
 */
export function resolvePlaceholders(body: unknown, ids: ReadonlyMap<string, string>): unknown {
  if (typeof body === "string" && TOKEN.test(body)) {
    const id = ids.get(body);
    if (id === undefined) throw new Error(`No QuickBooks id was found for ${body}.`);
    return id;
  }
  if (Array.isArray(body)) return body.map((item) => resolvePlaceholders(item, ids));
  if (body !== null && typeof body === "object") {
    return Object.fromEntries(Object.entries(body).map(([key, value]) => [key, resolvePlaceholders(value, ids)]));
  }
  return body;
}

/** Dependencies listed once each, in first-seen order. */
export function uniqueDependencies(list: readonly Dependency[]): Dependency[] {
  const seen = new Set<string>();
  return list.filter((d) => (seen.has(d.token) ? false : (seen.add(d.token), true)));
}
