import { db } from "../db";
import { logger } from "../log/logger";
import { qboExpiryWarningEmail } from "../mail/templates";
import { connectionsUrl, notifyAdmins } from "./notify-admins";
import { QboConnectionUnavailableError, refreshIfNotSince } from "./token-manager";

// Upkeep of idle connections, run by a scheduled job. Intuit's refresh token lapses after about 100 days
// without use (a rolling expiry renewed by each refresh) and for good after about 5 years; a connection that
// posts nothing for months must still never lapse, and admins hear 14 days before either end.

/** Refresh a connection whose tokens were last refreshed more than this long ago. */
export const UPKEEP_REFRESH_AFTER_MS = 24 * 3600_000;
export const WARN_BEFORE_MS = 14 * 24 * 3600_000;

export async function refreshIdleConnections(now = new Date()): Promise<{ refreshed: number; failed: number }> {
  const due = await db.qboConnection.findMany({
    where: { status: "CONNECTED", OR: [{ lastRefreshedAt: null }, { lastRefreshedAt: { lt: new Date(now.getTime() - UPKEEP_REFRESH_AFTER_MS) } }] },
    orderBy: { lastRefreshedAt: "asc" },
    select: { id: true },
  });
  let refreshed = 0;
  let failed = 0;
  const before = new Date(now.getTime() - UPKEEP_REFRESH_AFTER_MS);
  for (const { id } of due) {
    try {
      await refreshIfNotSince(id, before);
      refreshed++;
    } catch (error) {
      failed++;
      // invalid_grant has already been recorded and reported by the token manager; anything else retries next run.
      if (!(error instanceof QboConnectionUnavailableError)) logger.warn({ err: error, connectionId: id }, "scheduled QuickBooks token refresh failed");
    }
  }
  return { refreshed, failed };
}

/** Emails admins once per connection when the rolling or the hard refresh-token expiry is 14 days away. */
export async function warnBeforeExpiry(now = new Date()): Promise<{ warned: number }> {
  const horizon = new Date(now.getTime() + WARN_BEFORE_MS);
  const connections = await db.qboConnection.findMany({
    where: {
      status: "CONNECTED",
      OR: [
        { refreshTokenExpiresAt: { lte: horizon }, rollingExpiryWarnedAt: null },
        { refreshTokenHardExpiresAt: { lte: horizon }, hardExpiryWarnedAt: null },
      ],
    },
    include: { workspace: { select: { slug: true, name: true } } },
  });
  let warned = 0;
  for (const c of connections) {
    const hard = Boolean(c.refreshTokenHardExpiresAt && c.refreshTokenHardExpiresAt <= horizon && !c.hardExpiryWarnedAt);
    const expiresAt = hard ? c.refreshTokenHardExpiresAt! : c.refreshTokenExpiresAt!;
    await notifyAdmins(c.workspaceId, qboExpiryWarningEmail({ url: connectionsUrl(c.workspace.slug), workspaceName: c.workspace.name, companyName: c.companyName, expiresAt, hard }));
    await db.qboConnection.update({ where: { id: c.id }, data: hard ? { hardExpiryWarnedAt: now } : { rollingExpiryWarnedAt: now } });
    warned++;
  }
  return { warned };
}
