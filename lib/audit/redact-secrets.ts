import type { JsonValue } from "./canonical-json";

// A safety net, not the mechanism: callers pass before/after with secrets already removed. Anything under a key
// whose name looks secret is replaced whole, at any depth, because an audit row can never be edited afterwards.
// Matching is on the name with case, "_" and "-" ignored, by substring, so "client_secret", "X-Api-Key" and
// "refreshTokenCiphertext" are caught too. That errs towards hiding harmless metadata ("tokenExpiresAt"); name
// such fields differently if they must show.
const SECRET_WORDS = ["password", "passwd", "secret", "token", "apikey", "privatekey", "keyhash", "authorization", "cookie", "credential"];

export const REDACTED = "[redacted]";

export function isSecretKey(name: string): boolean {
  const normalised = name.toLowerCase().replace(/[_-]/g, "");
  return SECRET_WORDS.some((word) => normalised.includes(word));
}

export function redactSecrets(value: JsonValue): JsonValue {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(redactSecrets);
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, isSecretKey(key) ? REDACTED : redactSecrets(item)]));
}
