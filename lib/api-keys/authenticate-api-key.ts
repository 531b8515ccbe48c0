import { db } from "../db";
import { AppError } from "../errors/app-error";
import { logger } from "../log/logger";
import { isApiKeyScope, type ApiKeyScope } from "./api-key-scopes";
import { API_KEY_PATTERN, hashApiKey } from "./api-key-token";

/** Who is calling an API-key route: the workspace comes from the key, never from the request. */
export type ApiKeyPrincipal = { workspaceId: string; apiKeyId: string; scopes: ApiKeyScope[] };

// "Last used" is shown to the minute; writing it on every request would turn each read into a write and make a
// busy integration contend on one row.
export const LAST_USED_RESOLUTION_MS = 60_000;

const MISSING = 'Send your API key in the Authorization header as "Bearer lw_live_…" (or in the x-api-key header).';
const MALFORMED = "That is not a Ledgerwire API key: keys start with lw_live_ followed by 43 characters. Check it was copied in full.";
const UNKNOWN = "This API key is not recognised. Check it was copied in full, or create a new one under Settings › API keys.";
const REVOKED = "This API key has been revoked. Create a new one under Settings › API keys.";
const expired = (at: Date) => `This API key expired on ${at.toISOString()}. Create a new one under Settings › API keys.`;

function presentedKey(request: Request): string {
  const authorization = request.headers.get("authorization");
  if (authorization !== null) {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization.trim());
    if (!bearer) throw new AppError("UNAUTHENTICATED", 'The Authorization header must read "Bearer " followed by your API key.');
    return bearer[1]!;
  }
  const header = request.headers.get("x-api-key");
  if (header === null) throw new AppError("UNAUTHENTICATED", MISSING);
  return header.trim();
}

/**
 * Authenticates a request made with a workspace API key (`Authorization: Bearer lw_live_…` or `x-api-key`) and
 * checks it holds `requiredScope`. Refuses a missing, malformed, unknown, revoked or expired key with UNAUTHENTICATED and
 * a key without the scope with FORBIDDEN. One query on the unique keyHash index; nothing is awaited after it.
 */
export async function authenticateApiKey(request: Request, requiredScope: ApiKeyScope): Promise<ApiKeyPrincipal> {
  const key = presentedKey(request);
  // Junk never reaches the database.
  if (!API_KEY_PATTERN.test(key)) throw new AppError("UNAUTHENTICATED", MALFORMED);

  // No timing oracle: we look the key up by its SHA-256, never compare the key itself with anything. Whatever
  // time the index takes to tell hashes apart tells an attacker about a hash of their own guess, and to steer
  // that hash towards a stored one they would have to invert SHA-256.
  const found = await db.apiKey.findUnique({
    where: { keyHash: hashApiKey(key) },
    select: { id: true, workspaceId: true, scopes: true, revokedAt: true, expiresAt: true, lastUsedAt: true },
  });
  if (!found) throw new AppError("UNAUTHENTICATED", UNKNOWN);
  if (found.revokedAt) throw new AppError("UNAUTHENTICATED", REVOKED);
  if (found.expiresAt && found.expiresAt.getTime() <= Date.now()) throw new AppError("UNAUTHENTICATED", expired(found.expiresAt));

  // Recorded before the scope check: a key an integration still sends, even to a route it may not call, is in
  // use, and "Never used" would tell an admin it is safe to revoke.
  recordUse(found.id, found.lastUsedAt);

  const scopes = found.scopes.filter(isApiKeyScope);
  if (!scopes.includes(requiredScope)) {
    throw new AppError("FORBIDDEN", `This API key does not have the ${requiredScope} scope. Create a key with that scope under Settings › API keys.`);
  }
  return { workspaceId: found.workspaceId, apiKeyId: found.id, scopes };
}

// Keys of this process with a lastUsedAt write in flight, so a burst at the turn of a minute sends one UPDATE.
const recording = new Set<string>();

/**
 * Moves lastUsedAt forward at most once per LAST_USED_RESOLUTION_MS per key, without delaying the request. The
 * value just read skips the write in the common case; the conditional WHERE settles races between requests and
 * between server processes, so at most one of them writes per minute. A failure is logged and otherwise ignored:
 * losing a "last used" time must never fail an API call.
 */
function recordUse(apiKeyId: string, lastUsedAt: Date | null): void {
  const now = Date.now();
  if (lastUsedAt && now - lastUsedAt.getTime() < LAST_USED_RESOLUTION_MS) return;
  if (recording.has(apiKeyId)) return;
  recording.add(apiKeyId);
  const stale = new Date(now - LAST_USED_RESOLUTION_MS);
  void db.apiKey
    .updateMany({
      where: { id: apiKeyId, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: stale } }] },
      data: { lastUsedAt: new Date(now) },
    })
    // Only the id is logged: the key is never passed to the logger.
    .catch((err: unknown) => logger.warn({ err, apiKeyId }, "could not record when an API key was last used"))
    .finally(() => recording.delete(apiKeyId));
}
