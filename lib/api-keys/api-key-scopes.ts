import { z } from "zod";

// What an API key may do, kept as data: the create form lists these, the handler validates against them, and
// authenticateApiKey checks one per route. Adding a scope is one line here.
export const API_KEY_SCOPES = [
  { id: "events:write", description: "Send events to POST /api/v1/events" },
  { id: "events:read", description: "Read events and their status" },
] as const;

export type ApiKeyScope = (typeof API_KEY_SCOPES)[number]["id"];

const SCOPE_IDS = API_KEY_SCOPES.map((scope) => scope.id) as [ApiKeyScope, ...ApiKeyScope[]];

export const ApiKeyScopeSchema = z.enum(SCOPE_IDS, { error: "Choose scopes from the list: events:write, events:read." });

/** A key's scopes as a person picks them: at least one, each at most once. */
export const ApiKeyScopesSchema = z
  .array(ApiKeyScopeSchema, { error: "Choose at least one scope." })
  .min(1, "Choose at least one scope.")
  .refine((scopes) => new Set(scopes).size === scopes.length, "Each scope may be chosen only once.");

export function isApiKeyScope(value: string): value is ApiKeyScope {
  return (SCOPE_IDS as readonly string[]).includes(value);
}
