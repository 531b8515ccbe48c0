import { describe, expect, it } from "vitest";
import { open } from "../crypto";
import { db } from "../db";
import { createWorkspaceWith } from "@/test/fixtures";
import { connectCompany, createSimCompany, simControl, simUrl } from "@/test/qbo";
import { DEMO_INTUIT_APP } from "../env";
import { qboClientFor } from "./connection-client";
import { QboConnectionUnavailableError, getAccessToken, refreshContext, refreshUnderLock } from "./token-manager";


type Issued = { accessTokens: { token: string }[]; refreshTokens: { token: string; invalidated: boolean }[] };

async function connected(name: string) {
  const { workspace, members } = await createWorkspaceWith(["OWNER", "ADMIN"]);
  const realmId = await createSimCompany(name);
  await connectCompany(workspace.slug, members[0]!.user.id, realmId);
  const connection = await db.qboConnection.findFirstOrThrow({ where: { workspaceId: workspace.id } });
  return { workspace, members, realmId, connection };
}

/** How many refresh tokens Intuit (the simulator) has issued for the company: one per consent or refresh. */
async function refreshesIssued(realmId: string): Promise<number> {
  return (await simControl<Issued>("GET", `tokens?realmId=${realmId}`)).refreshTokens.length;
}

async function expireSoon(connectionId: string) {
  await db.qboConnection.update({ where: { id: connectionId }, data: { accessTokenExpiresAt: new Date(Date.now() + 5 * 60_000) } });
}

describe("getAccessToken", () => {
  it("returns the stored token while more than 10 minutes remain, and refreshes (rotating the refresh token) when fewer do", async () => {
    const { connection, realmId } = await connected("Rotate Co");
    const first = await getAccessToken(connection.id);
    expect(await getAccessToken(connection.id)).toBe(first);
    expect(await refreshesIssued(realmId)).toBe(1);

    const oldRefresh = open(connection.refreshTokenCiphertext!, refreshContext(connection.id));
    await expireSoon(connection.id);
    const second = await getAccessToken(connection.id);
    expect(second).not.toBe(first);
    expect(await refreshesIssued(realmId)).toBe(2);
    const stored = await db.qboConnection.findUniqueOrThrow({ where: { id: connection.id } });
    const newRefresh = open(stored.refreshTokenCiphertext!, refreshContext(connection.id));
    expect(newRefresh).not.toBe(oldRefresh);
    expect(stored.accessTokenExpiresAt!.getTime() - Date.now()).toBeGreaterThan(3500_000);
    const tokens = (await simControl<Issued>("GET", `tokens?realmId=${realmId}`)).refreshTokens;
    expect(tokens.find((t) => t.token === oldRefresh)?.invalidated).toBe(true);
    expect(tokens.find((t) => t.token === newRefresh)?.invalidated).toBe(false);
  });

  it("refreshes exactly once for 20 concurrent callers", async () => {
    const { connection, realmId } = await connected("Crowd Co");
    await expireSoon(connection.id);
    const tokens = await Promise.all(Array.from({ length: 20 }, () => getAccessToken(connection.id)));
    expect(new Set(tokens).size).toBe(1);
    expect(await refreshesIssued(realmId)).toBe(2);
  });

  it("refreshes exactly once when 20 processes race for it (the row lock, without in-process sharing)", async () => {
    const { connection, realmId } = await connected("Race Co");
    await expireSoon(connection.id);
    const tokens = await Promise.all(Array.from({ length: 20 }, () => refreshUnderLock(connection.id)));
    expect(new Set(tokens).size).toBe(1);
    expect(await refreshesIssued(realmId)).toBe(2);
    expect((await db.qboConnection.findUniqueOrThrow({ where: { id: connection.id } })).status).toBe("CONNECTED");
  });

  it("marks the connection 'needs reconnect' when its refresh token was already used, opens one exception and emails the admins", async () => {
    const { connection, workspace, members } = await connected("Lapsed Co");
    // Someone else (another copy of the app, an old backup) used our refresh token first.
    const stolen = open(connection.refreshTokenCiphertext!, refreshContext(connection.id));
    const basic = Buffer.from(`${DEMO_INTUIT_APP.clientId}:${DEMO_INTUIT_APP.clientSecret}`).toString("base64");
    const rogue = await fetch(`${simUrl()}/oauth2/v1/tokens/bearer`, { method: "POST", headers: { authorization: `Basic ${basic}` }, body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: stolen }) });
    expect(rogue.status).toBe(200);

    await expireSoon(connection.id);
    await expect(getAccessToken(connection.id)).rejects.toBeInstanceOf(QboConnectionUnavailableError);
    const after = await db.qboConnection.findUniqueOrThrow({ where: { id: connection.id } });
    expect(after).toMatchObject({ status: "NEEDS_RECONNECT", lastErrorCode: "invalid_grant", refreshTokenCiphertext: null });
    const exceptions = await db.syncException.findMany({ where: { qboConnectionId: connection.id } });
    expect(exceptions).toHaveLength(1);
    expect(exceptions[0]!.message).toContain("reconnect");

    // A second attempt neither refreshes nor reports twice.
    await expect(getAccessToken(connection.id)).rejects.toBeInstanceOf(QboConnectionUnavailableError);
    expect(await db.syncException.count({ where: { qboConnectionId: connection.id } })).toBe(1);
    const mails = await db.mailboxMessage.findMany({ where: { subject: "Reconnect Lapsed Co to Ledgerwire" } });
    expect(mails.map((m) => m.to).sort()).toEqual(members.map((m) => m.user.email.toLowerCase()).sort());
    expect(mails[0]!.link).toBe(`http://localhost:3000/w/${workspace.slug}/connections`);
    expect(await db.auditEntry.count({ where: { workspaceId: workspace.id, action: "qbo.connection.needs_reconnect" } })).toBe(1);
  });
});

describe("the connection's client", () => {
  it("recovers from an access token expiring mid-run with one refresh and one retry, counting every call", async () => {
    const { connection, realmId } = await connected("Midrun Co");
    // Connect counted its own reads (CompanyInfo, Preferences); this client's calls come on top.
    const atConnect = await db.qboApiUsage.findFirst({ where: { connectionId: connection.id } });
    const client = await qboClientFor(connection.id);
    expect((await client.companyInfo()).CompanyName).toBe("Midrun Co");
    await simControl("POST", "tokens/expire", { realmId, which: "access" });
    expect((await client.companyInfo()).CompanyName).toBe("Midrun Co");
    expect(await refreshesIssued(realmId)).toBe(2);
    const usage = await db.qboApiUsage.findFirstOrThrow({ where: { connectionId: connection.id } });
    // 1 read, 1 read refused with 401, 1 retried read.
    expect(usage.reads - (atConnect?.reads ?? 0)).toBe(3);
    expect(usage.writes).toBe(0);
    await expect.poll(async () => (await db.qboConnection.findUniqueOrThrow({ where: { id: connection.id } })).lastSuccessfulCallAt).not.toBeNull();
  });
});
