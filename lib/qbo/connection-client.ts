import { db } from "../db";
import { AppError } from "../errors/app-error";
import { logger } from "../log/logger";
import { sharedQboBudget } from "./budget";
import { createQboClient, type QboClient } from "./client";
import { qboApp } from "./endpoints";
import { getAccessToken, refreshAccessToken } from "./token-manager";
import { recordUsage } from "./usage";

/**
 * The QuickBooks client for one connection: tokens from the token manager (one refresh and one retry on 401),
 * every call counted, every call inside the company's shared budget (QuickBooks' limits, across processes),
 * and the time of the last successful call kept for the Connections page.
 */
export async function qboClientFor(connectionId: string, options: { fetch?: typeof fetch } = {}): Promise<QboClient> {
  const connection = await db.qboConnection.findUnique({ where: { id: connectionId }, select: { realmId: true, environment: true } });
  if (!connection) throw new AppError("NOT_FOUND", "There is no such QuickBooks connection.");
  const app = qboApp(connection.environment);
  if (!app) throw new AppError("UNAVAILABLE", `QuickBooks ${connection.environment.toLowerCase()} keys are not configured on this server.`);
  let lastToken: string | null = null;
  // "Last successful call" is shown to the minute: stamp it at most once a minute, not on every call.
  let stampedAt = 0;
  return createQboClient({
    baseUrl: app.apiBaseUrl,
    realmId: connection.realmId,
    fetch: options.fetch,
    budget: sharedQboBudget(),
    tokens: {
      get: async () => (lastToken = await getAccessToken(connectionId)),
      refresh: async () => (lastToken = await refreshAccessToken(connectionId, lastToken)),
    },
    // Counting must never stop a call from being made: a failed count is logged and the call goes ahead.
    usage: { record: (kind, calls) => recordUsage(connectionId, kind, calls).catch((error: unknown) => logger.warn({ err: error, connectionId }, "could not count a QuickBooks call")) },
    onResponse: (info) => {
      if (info.status >= 400 || Date.now() - stampedAt < 60_000) return;
      stampedAt = Date.now();
      void db.qboConnection.update({ where: { id: connectionId }, data: { lastSuccessfulCallAt: new Date() } }).catch(() => undefined);
    },
  });
}
