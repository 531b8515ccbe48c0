import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { db } from "../db";
import { maintainQboConnections } from "@/inngest/functions/maintain-qbo-connections";
import { createWorkspaceWith } from "@/test/fixtures";
import { connectCompany, createSimCompany, simControl } from "@/test/qbo";
import { refreshIdleConnections, warnBeforeExpiry } from "./token-upkeep";


async function connected(name: string) {
  const { workspace, members } = await createWorkspaceWith(["OWNER"]);
  const realmId = await createSimCompany(name);
  await connectCompany(workspace.slug, members[0]!.user.id, realmId);
  return { workspace, members, realmId, connection: await db.qboConnection.findFirstOrThrow({ where: { workspaceId: workspace.id } }) };
}

const DAY = 24 * 3600_000;

describe("upkeep of idle connections", () => {
  it("refreshes connections idle for more than a day, so their rolling expiry never runs out, and leaves fresh ones alone", async () => {
    const idle = await connected("Idle Co");
    const fresh = await connected("Fresh Co");
    await db.qboConnection.update({ where: { id: idle.connection.id }, data: { lastRefreshedAt: new Date(Date.now() - 2 * DAY), refreshTokenExpiresAt: new Date(Date.now() + 20 * DAY) } });

    await refreshIdleConnections();
    const after = await db.qboConnection.findUniqueOrThrow({ where: { id: idle.connection.id } });
    expect(after.refreshTokenExpiresAt!.getTime() - Date.now()).toBeGreaterThan(99 * DAY);
    expect(after.lastRefreshedAt!.getTime()).toBeGreaterThan(Date.now() - 60_000);
    const issued = async (realmId: string) => (await simControl<{ refreshTokens: unknown[] }>("GET", `tokens?realmId=${realmId}`)).refreshTokens.length;
    expect(await issued(idle.realmId)).toBe(2);
    expect(await issued(fresh.realmId)).toBe(1);
  });

  it("warns the admins once, 14 days before the rolling and before the hard expiry", async () => {
    const rolling = await connected("Rolling Co");
    const hard = await connected("Hard Co");
    await db.qboConnection.update({ where: { id: rolling.connection.id }, data: { refreshTokenExpiresAt: new Date(Date.now() + 10 * DAY) } });
    await db.qboConnection.update({ where: { id: hard.connection.id }, data: { refreshTokenHardExpiresAt: new Date(Date.now() + 13 * DAY) } });

    await warnBeforeExpiry();
    await warnBeforeExpiry();
    const mails = await db.mailboxMessage.findMany({ where: { to: { in: [rolling.members[0]!.user.email.toLowerCase(), hard.members[0]!.user.email.toLowerCase()] } } });
    expect(mails.map((m) => m.subject).sort()).toEqual([expect.stringMatching(/^Reconnect Hard Co before /), expect.stringMatching(/^Reconnect Rolling Co before /)]);
    expect(mails.find((m) => m.subject.includes("Hard Co"))!.text).toContain("five-year limit");
  });

  it("runs both as the hourly Inngest function", async () => {
    const idle = await connected("Scheduled Co");
    await db.qboConnection.update({ where: { id: idle.connection.id }, data: { lastRefreshedAt: new Date(Date.now() - 2 * DAY) } });
    const { result } = await new InngestTestEngine({ function: maintainQboConnections }).execute();
    // Other test files' connections share this database, so only this one's outcome is asserted exactly.
    expect(result).toMatchObject({ refreshed: expect.any(Number), failed: expect.any(Number), warned: expect.any(Number) });
    expect((result as { refreshed: number }).refreshed).toBeGreaterThanOrEqual(1);
    expect((await db.qboConnection.findUniqueOrThrow({ where: { id: idle.connection.id } })).lastRefreshedAt!.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });
});
