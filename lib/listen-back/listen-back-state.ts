import { db } from "../db";

// Where listening back to each company has got to (QboListenBack): the CDC watermark and when the company was
// last heard from. One row per connection, created on first use.

export async function noteNotification(ctx: { tenantId: string }, qboConnectionId: string, at = new Date()): Promise<void> {
  // One statement, and only ever forward: notifications read back out of order never move it back.
  await db.$executeRaw`
    INSERT INTO "QboListenBack" ("qboConnectionId", "workspaceId", "lastNotificationAt", "updatedAt") VALUES (${qboConnectionId}, ${ctx.tenantId}, ${at}, now())
    ON CONFLICT ("qboConnectionId") DO UPDATE SET "lastNotificationAt" = GREATEST("QboListenBack"."lastNotificationAt", EXCLUDED."lastNotificationAt"), "updatedAt" = now()`;
}

export type ListenBackState = { cdcThrough: Date | null; lastCdcAt: Date | null; lastDailyCdcAt: Date | null; lastNotificationAt: Date | null };

export async function listenBackState(qboConnectionId: string): Promise<ListenBackState> {
  const row = await db.qboListenBack.findUnique({ where: { qboConnectionId } });
  return { cdcThrough: row?.cdcThrough ?? null, lastCdcAt: row?.lastCdcAt ?? null, lastDailyCdcAt: row?.lastDailyCdcAt ?? null, lastNotificationAt: row?.lastNotificationAt ?? null };
}

export async function recordCatchUp(ctx: { tenantId: string }, qboConnectionId: string, input: { cdcThrough: Date; daily: boolean; at?: Date }): Promise<void> {
  const at = input.at ?? new Date();
  const daily = input.daily ? at : null;
  // The watermark only moves forward: a daily run that looked back further never rewinds it.
  await db.$executeRaw`
    INSERT INTO "QboListenBack" ("qboConnectionId", "workspaceId", "cdcThrough", "lastCdcAt", "lastDailyCdcAt", "updatedAt")
    VALUES (${qboConnectionId}, ${ctx.tenantId}, ${input.cdcThrough}, ${at}, ${daily}, now())
    ON CONFLICT ("qboConnectionId") DO UPDATE SET
      "cdcThrough" = GREATEST("QboListenBack"."cdcThrough", EXCLUDED."cdcThrough"),
      "lastCdcAt" = EXCLUDED."lastCdcAt",
      "lastDailyCdcAt" = COALESCE(EXCLUDED."lastDailyCdcAt", "QboListenBack"."lastDailyCdcAt"),
      "updatedAt" = now()`;
}
