import { db } from "../db";
import type { CatchUpMode } from "./catch-up-connection";

// Which companies a catch-up run should look at. Daily: every live connection. Hourly: those not caught up in
// the last 50 minutes (a gap run may just have done it). Gap: those we posted to more than 10 minutes ago
// without hearing anything from QuickBooks since; QuickBooks echoes every create within about 5 minutes, so
// silence means its webhooks are not arriving (a failed delivery holds later ones back) and CDC should not
// wait for the hour.

export const HOURLY_MIN_AGE_MS = 50 * 60_000;
export const GAP_AFTER_MS = 10 * 60_000;

export type DueConnection = { workspaceId: string; qboConnectionId: string };

export async function connectionsDue(mode: CatchUpMode, now = new Date(), options: { workspaceId?: string } = {}): Promise<DueConnection[]> {
  const workspace = options.workspaceId ?? null;
  if (mode === "daily") {
    return db.$queryRaw<DueConnection[]>`
      SELECT c."workspaceId", c.id AS "qboConnectionId" FROM "QboConnection" c
      WHERE c.status IN ('CONNECTED', 'REFRESHING') AND (${workspace}::text IS NULL OR c."workspaceId" = ${workspace})
      ORDER BY c.id`;
  }
  if (mode === "hourly") {
    const before = new Date(now.getTime() - HOURLY_MIN_AGE_MS);
    return db.$queryRaw<DueConnection[]>`
      SELECT c."workspaceId", c.id AS "qboConnectionId" FROM "QboConnection" c LEFT JOIN "QboListenBack" l ON l."qboConnectionId" = c.id
      WHERE c.status IN ('CONNECTED', 'REFRESHING') AND (${workspace}::text IS NULL OR c."workspaceId" = ${workspace})
        AND (l."lastCdcAt" IS NULL OR l."lastCdcAt" < ${before})
      ORDER BY c.id`;
  }
  const postedBefore = new Date(now.getTime() - GAP_AFTER_MS);
  return db.$queryRaw<DueConnection[]>`
    SELECT c."workspaceId", c.id AS "qboConnectionId" FROM "QboConnection" c LEFT JOIN "QboListenBack" l ON l."qboConnectionId" = c.id
    WHERE c.status IN ('CONNECTED', 'REFRESHING') AND (${workspace}::text IS NULL OR c."workspaceId" = ${workspace})
      AND EXISTS (
        SELECT 1 FROM "QboCrossReference" x
        WHERE x."qboConnectionId" = c.id AND x."createdAt" <= ${postedBefore}
          AND x."createdAt" > GREATEST(COALESCE(l."lastNotificationAt", 'epoch'::timestamp), COALESCE(l."lastCdcAt", 'epoch'::timestamp)))
    ORDER BY c.id`;
}
