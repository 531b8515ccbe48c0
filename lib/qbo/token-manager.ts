import { AppError } from "../errors/app-error";
import { open, seal } from "../crypto";
import { sealedAt } from "../crypto/contexts";
import { db, type QboConnectionStatus, type QboEnvironment } from "../db";
import { qboApp } from "./endpoints";
import { IntuitOAuthError, refreshTokens, type TokenSet } from "./intuit-oauth";
import { markNeedsReconnect } from "./mark-needs-reconnect";

// Access tokens for QuickBooks calls. A token is refreshed when under 10 minutes remain. Intuit rotates the
// refresh token and honours only the newest one, so two refreshes racing, or a rotated token not stored,
// sever the connection: refreshes for one connection are serialised by a row lock (across every process),
// re-checked once the lock is held, and the rotated pair is stored in the same transaction.

export const REFRESH_MARGIN_MS = 10 * 60_000;

/** The connection cannot be used until an admin reconnects it (or it was disconnected). Not retryable. */
export class QboConnectionUnavailableError extends Error {
  override name = "QboConnectionUnavailableError";
  constructor(
    readonly connectionId: string,
    readonly status: QboConnectionStatus,
  ) {
    super(status === "DISCONNECTED" ? "This QuickBooks connection was disconnected." : "This QuickBooks connection needs to be reconnected by an admin.");
  }
}

type TokenRow = {
  id: string;
  status: QboConnectionStatus;
  environment: QboEnvironment;
  accessTokenCiphertext: string | null;
  refreshTokenCiphertext: string | null;
  accessTokenExpiresAt: Date | null;
  lastRefreshedAt?: Date | null;
};

export const accessContext = sealedAt.qboAccessToken;
export const refreshContext = sealedAt.qboRefreshToken;

/** The columns that store a fresh token pair, sealed. */
export function sealedTokenColumns(connectionId: string, tokens: TokenSet) {
  const access = seal(tokens.accessToken, accessContext(connectionId));
  const refresh = seal(tokens.refreshToken, refreshContext(connectionId));
  return {
    accessTokenCiphertext: access.ciphertext,
    refreshTokenCiphertext: refresh.ciphertext,
    tokenKeyId: access.keyId,
    accessTokenExpiresAt: tokens.accessTokenExpiresAt,
    refreshTokenExpiresAt: tokens.refreshTokenExpiresAt,
    // Intuit sends the hard expiry only when asked; keep what we know if an answer lacks it.
    ...(tokens.refreshTokenHardExpiresAt ? { refreshTokenHardExpiresAt: tokens.refreshTokenHardExpiresAt } : {}),
  };
}

function usable(row: TokenRow): void {
  if (row.status === "NEEDS_RECONNECT" || row.status === "DISCONNECTED" || !row.refreshTokenCiphertext) {
    throw new QboConnectionUnavailableError(row.id, row.status === "CONNECTED" ? "NEEDS_RECONNECT" : row.status);
  }
}

function fresh(row: TokenRow, now = Date.now()): boolean {
  return Boolean(row.accessTokenCiphertext && row.accessTokenExpiresAt && row.accessTokenExpiresAt.getTime() - now > REFRESH_MARGIN_MS);
}

const inFlight = new Map<string, Promise<string>>();

/** A valid access token for the connection, refreshed first when under 10 minutes remain. */
export async function getAccessToken(connectionId: string): Promise<string> {
  const row = await db.qboConnection.findUnique({
    where: { id: connectionId },
    select: { id: true, status: true, environment: true, accessTokenCiphertext: true, refreshTokenCiphertext: true, accessTokenExpiresAt: true },
  });
  if (!row) throw new AppError("NOT_FOUND", "There is no such QuickBooks connection.");
  usable(row);
  if (fresh(row)) return open(row.accessTokenCiphertext!, accessContext(connectionId));
  return refreshOnce(connectionId, null);
}

/**
 * After QuickBooks answered 401 for `rejectedToken`: refreshes, unless another caller already replaced that
 * token (then its replacement is returned without a second refresh).
 */
export function refreshAccessToken(connectionId: string, rejectedToken: string | null): Promise<string> {
  return refreshOnce(connectionId, rejectedToken);
}

/** Scheduled upkeep: refreshes unless someone did since `refreshedBefore` (keeps idle grants from lapsing). */
export function refreshIfNotSince(connectionId: string, refreshedBefore: Date): Promise<string> {
  return refreshUnderLock(connectionId, { refreshedBefore });
}

function refreshOnce(connectionId: string, rejectedToken: string | null): Promise<string> {
  // Callers in this process share one refresh; other processes wait on the row lock below.
  const running = inFlight.get(connectionId);
  if (running) return running;
  const refresh = refreshUnderLock(connectionId, { rejectedToken }).finally(() => inFlight.delete(connectionId));
  inFlight.set(connectionId, refresh);
  return refresh;
}

/** The cross-process part of a refresh (exported so tests can race it without the in-process sharing). */
export async function refreshUnderLock(connectionId: string, want: { rejectedToken?: string | null; refreshedBefore?: Date } = {}): Promise<string> {
  const outcome = await db.$transaction(
    async (tx) => {
      const [row] = await tx.$queryRaw<TokenRow[]>`
        SELECT id, status, environment, "accessTokenCiphertext", "refreshTokenCiphertext", "accessTokenExpiresAt", "lastRefreshedAt"
        FROM "QboConnection" WHERE id = ${connectionId} FOR UPDATE`;
      if (!row) throw new AppError("NOT_FOUND", "There is no such QuickBooks connection.");
      usable(row);
      // Decided again under the lock: whoever held it before us may have done the refresh already.
      const upkeepDue = want.refreshedBefore && (!row.lastRefreshedAt || row.lastRefreshedAt < want.refreshedBefore);
      if (fresh(row) && !upkeepDue) {
        const current = open(row.accessTokenCiphertext!, accessContext(connectionId));
        if (current !== want.rejectedToken) return { token: current };
      }
      const app = qboApp(row.environment);
      if (!app) throw new AppError("UNAVAILABLE", `QuickBooks ${row.environment.toLowerCase()} keys are not configured on this server.`);
      let tokens: TokenSet;
      try {
        tokens = await refreshTokens(app, open(row.refreshTokenCiphertext!, refreshContext(connectionId)));
      } catch (error) {
        if (!(error instanceof IntuitOAuthError) || !error.invalidGrant) throw error;
        // The refresh token is dead: erase what no longer works and remember why, in this same transaction.
        await tx.qboConnection.update({
          where: { id: connectionId },
          data: { status: "NEEDS_RECONNECT", accessTokenCiphertext: null, refreshTokenCiphertext: null, tokenKeyId: null, lastErrorCode: "invalid_grant", lastErrorMessage: "Intuit no longer accepts this connection's refresh token." },
        });
        return { needsReconnect: true as const };
      }
      await tx.qboConnection.update({
        where: { id: connectionId },
        data: { ...sealedTokenColumns(connectionId, tokens), status: "CONNECTED", lastRefreshedAt: new Date(), lastErrorCode: null, lastErrorMessage: null, rollingExpiryWarnedAt: null },
      });
      return { token: tokens.accessToken };
    },
    // The refresh call to Intuit happens inside the lock; give it time, and let waiters queue behind it.
    { timeout: 60_000, maxWait: 60_000 },
  );
  if (outcome.token !== undefined) return outcome.token;
  await markNeedsReconnect(connectionId);
  throw new QboConnectionUnavailableError(connectionId, "NEEDS_RECONNECT");
}
