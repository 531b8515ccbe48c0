import type { AuditFiltersInput } from "./list-audit-entries";

/** The audit filters as they appear in a URL's query string (the page's form and the export link share them). */
export function auditFiltersFromSearch(search: URLSearchParams | Record<string, string | string[] | undefined>): AuditFiltersInput {
  const get = (key: string) => {
    const value = search instanceof URLSearchParams ? search.get(key) : search[key];
    return (Array.isArray(value) ? value[0] : value) ?? undefined;
  };
  return {
    actorType: get("actorType") as AuditFiltersInput["actorType"],
    actorId: get("actorId"),
    action: get("action"),
    targetType: get("targetType"),
    targetId: get("targetId"),
    from: get("from"),
    to: get("to"),
  };
}
