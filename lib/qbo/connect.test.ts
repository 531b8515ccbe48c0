import { describe, expect, it } from "vitest";
import { open } from "../crypto";
import { db } from "../db";
import { POST as disconnectRoute } from "@/app/api/w/[slug]/qbo/connections/[connectionId]/disconnect/route";
import { POST as connectRoute } from "@/app/api/w/[slug]/qbo/connect/route";
import { submitConsent } from "@/sim/quickbooks/oauth/test-flow";
import { createWorkspaceWith } from "@/test/fixtures";
import { apiRequest, routeParams } from "@/test/http";
import { connectCompany, createSimCompany, followCallback, simControl, simUrl, startConnectFor } from "@/test/qbo";
import { DEMO_INTUIT_APP } from "../env";
import { refreshContext } from "./token-manager";
import { usageToday } from "./usage";

async function refreshAtIntuit(refreshToken: string) {
  const basic = Buffer.from(`${DEMO_INTUIT_APP.clientId}:${DEMO_INTUIT_APP.clientSecret}`).toString("base64");
  const response = await fetch(`${simUrl()}/oauth2/v1/tokens/bearer`, { method: "POST", headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: refreshToken }) });
  return { status: response.status, body: (await response.json()) as { error?: string; refresh_token?: string } };
}

describe("Connect to QuickBooks", () => {
  it("connects a company through Intuit's consent page and records its name and currency, with tokens sealed", async () => {
    const { workspace, members } = await createWorkspaceWith(["ADMIN"]);
    const realmId = await createSimCompany("Harbor Supplies", { currency: "CAD" });
    const landed = await connectCompany(workspace.slug, members[0]!.user.id, realmId);

    expect(landed.pathname).toBe(`/w/${workspace.slug}/connections`);
    expect(landed.searchParams.get("connected")).toBe("Harbor Supplies");
    const connection = await db.qboConnection.findFirstOrThrow({ where: { workspaceId: workspace.id } });
    expect(connection).toMatchObject({ realmId, environment: "SANDBOX", companyName: "Harbor Supplies", homeCurrency: "CAD", status: "CONNECTED", connectedById: members[0]!.user.id });
    expect(connection.accessTokenExpiresAt!.getTime() - Date.now()).toBeGreaterThan(3500_000);
    expect(connection.refreshTokenHardExpiresAt!.getTime() - Date.now()).toBeGreaterThan(4 * 365 * 86400_000);

    const issued = await simControl<{ refreshTokens: { token: string; invalidated: boolean }[] }>("GET", `tokens?realmId=${realmId}`);
    const live = issued.refreshTokens.find((t) => !t.invalidated)!.token;
    expect(connection.refreshTokenCiphertext).not.toContain(live);
    expect(open(connection.refreshTokenCiphertext!, refreshContext(connection.id))).toBe(live);

    const audit = await db.auditEntry.findFirstOrThrow({ where: { workspaceId: workspace.id, action: "qbo.connection.connected" } });
    expect(audit.after).toMatchObject({ realmId, companyName: "Harbor Supplies" });
  });

  it("counts the calls Connect makes, so the card agrees with what QuickBooks metered for the company", async () => {
    const { workspace, members } = await createWorkspaceWith(["ADMIN"]);
    const realmId = await createSimCompany("Counted Books");
    await connectCompany(workspace.slug, members[0]!.user.id, realmId);

    const connection = await db.qboConnection.findFirstOrThrow({ where: { workspaceId: workspace.id } });
    const sim = await simControl<{ reads: number; writes: number }>("GET", `realms/${realmId}/counters`);
    expect(sim.reads).toBeGreaterThan(0);
    const usage = (await usageToday([connection.id])).get(connection.id);
    expect(usage).toEqual({ reads: sim.reads, writes: sim.writes });
    expect(connection.lastSuccessfulCallAt).not.toBeNull();
  });

  it("refuses a company already connected to another workspace, and gives the grant back to Intuit", async () => {
    const first = await createWorkspaceWith(["OWNER"]);
    const second = await createWorkspaceWith(["OWNER"]);
    const realmId = await createSimCompany("Shared Books");
    await connectCompany(first.workspace.slug, first.members[0]!.user.id, realmId);

    const landed = await connectCompany(second.workspace.slug, second.members[0]!.user.id, realmId);
    expect(landed.searchParams.get("error")).toBe("taken");
    expect(landed.searchParams.get("company")).toBe("Shared Books");
    expect(await db.qboConnection.count({ where: { workspaceId: second.workspace.id } })).toBe(0);
    const issued = await simControl<{ refreshTokens: { invalidated: boolean }[] }>("GET", `tokens?realmId=${realmId}`);
    expect(issued.refreshTokens.filter((t) => !t.invalidated)).toHaveLength(1); // only the first workspace's grant lives
  });

  it("lets a viewer see connections but not start one", async () => {
    const { workspace, members } = await createWorkspaceWith(["VIEWER"]);
    const response = await connectRoute(await apiRequest("POST", `/api/w/${workspace.slug}/qbo/connect`, { userId: members[0]!.user.id, body: { environment: "SANDBOX" } }), routeParams({ slug: workspace.slug }));
    expect(response.status).toBe(403);
    expect(await db.qboOAuthState.count({ where: { workspaceId: workspace.id } })).toBe(0);
  });

  it("sends a cancelled consent back to the Connections page without storing anything", async () => {
    const { workspace, members } = await createWorkspaceWith(["ADMIN"]);
    const url = await startConnectFor(workspace.slug, members[0]!.user.id);
    const back = await submitConsent(url, { action: "cancel" });
    const landed = await followCallback(back, members[0]!.user.id);
    expect(landed.searchParams.get("error")).toBe("cancelled");
    expect(await db.qboConnection.count({ where: { workspaceId: workspace.id } })).toBe(0);
  });
});

describe("the connect state", () => {
  async function approved() {
    const { workspace, members } = await createWorkspaceWith(["ADMIN"]);
    const realmId = await createSimCompany("State Co");
    const back = await submitConsent(await startConnectFor(workspace.slug, members[0]!.user.id), { action: "connect", realm: realmId });
    return { workspace, user: members[0]!.user, back };
  }

  it("is refused when tampered with, replayed, expired, or brought back by someone else", async () => {
    const tampered = await approved();
    const forged = new URL(tampered.back);
    const [id, mac] = forged.searchParams.get("state")!.split(".");
    forged.searchParams.set("state", `${id}.${mac!.slice(0, -2)}xx`);
    expect((await followCallback(forged, tampered.user.id)).search).toBe("?reason=tampered");

    const replayed = await approved();
    expect((await followCallback(replayed.back, replayed.user.id)).searchParams.get("connected")).toBe("State Co");
    expect((await followCallback(replayed.back, replayed.user.id)).search).toBe("?reason=replayed");

    const expired = await approved();
    await db.qboOAuthState.updateMany({ where: { workspaceId: expired.workspace.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await followCallback(expired.back, expired.user.id)).search).toBe("?reason=expired");

    const stolen = await approved();
    const other = await createWorkspaceWith(["OWNER"]);
    expect((await followCallback(stolen.back, other.members[0]!.user.id)).search).toBe("?reason=wrong_user");
    expect(await db.qboConnection.count({ where: { workspaceId: { in: [tampered.workspace.id, expired.workspace.id, stolen.workspace.id] } } })).toBe(0);

    const signedOut = await approved();
    const toSignIn = await followCallback(signedOut.back, null);
    expect(toSignIn.pathname).toBe("/sign-in");
    expect(toSignIn.searchParams.get("callbackUrl")).toContain("/api/qbo/callback?");
  });
});

describe("Disconnect and Reconnect", () => {
  it("revokes at Intuit and erases the tokens; reconnecting reuses the row and its history", async () => {
    const { workspace, members } = await createWorkspaceWith(["OWNER"]);
    const userId = members[0]!.user.id;
    const realmId = await createSimCompany("Cycle Co");
    await connectCompany(workspace.slug, userId, realmId);
    const before = await db.qboConnection.findFirstOrThrow({ where: { workspaceId: workspace.id } });
    const refreshToken = open(before.refreshTokenCiphertext!, refreshContext(before.id));

    const response = await disconnectRoute(await apiRequest("POST", `/api/w/${workspace.slug}/qbo/connections/${before.id}/disconnect`, { userId }), routeParams({ slug: workspace.slug, connectionId: before.id }));
    expect(response.status).toBe(200);
    const after = await db.qboConnection.findUniqueOrThrow({ where: { id: before.id } });
    expect(after).toMatchObject({ status: "DISCONNECTED", accessTokenCiphertext: null, refreshTokenCiphertext: null });
    expect((await refreshAtIntuit(refreshToken)).body.error).toBe("invalid_grant");

    const landed = await connectCompany(workspace.slug, userId, realmId, { connectionId: before.id });
    expect(landed.searchParams.get("reconnected")).toBe("Cycle Co");
    const again = await db.qboConnection.findMany({ where: { workspaceId: workspace.id } });
    expect(again.map((c) => [c.id, c.status])).toEqual([[before.id, "CONNECTED"]]);
    const actions = (await db.auditEntry.findMany({ where: { workspaceId: workspace.id }, orderBy: { seq: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["qbo.connection.connected", "qbo.connection.disconnected", "qbo.connection.reconnected"]);
  });
});
