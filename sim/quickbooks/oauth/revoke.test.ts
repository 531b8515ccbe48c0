// Revocation (disconnect) and the consent-free `issueTokens` shortcut.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fixture, shapeOf } from "../test-helpers";
import { ACCOUNTING, APP, authorize, basic, companyInfoStatus, exchange, refresh, startOAuthSim, type OAuthSim } from "./test-flow";

let t: OAuthSim;
beforeEach(async () => {
  t = await startOAuthSim();
});
afterEach(async () => {
  await t.sim.stop();
});

async function connect(): Promise<{ access: string; refresh: string }> {
  const callback = await authorize(t, ACCOUNTING);
  const tokens = await exchange(t.sim, callback.get("code")!);
  return { access: String(tokens.body.access_token), refresh: String(tokens.body.refresh_token) };
}

async function revoke(body: string, contentType: string, authorization = basic()): Promise<{ status: number; text: string }> {
  const response = await fetch(`${t.sim.url}/v2/oauth2/tokens/revoke`, { method: "POST", headers: { authorization, "content-type": contentType, accept: "application/json" }, body });
  return { status: response.status, text: await response.text() };
}

describe("revoke", () => {
  it("ends the whole grant for a refresh token (JSON body, as intuit-oauth sends it)", async () => {
    const tokens = await connect();
    const answer = await revoke(JSON.stringify({ token: tokens.refresh }), "application/json");
    expect(answer).toEqual({ status: 200, text: "" });
    expect(await companyInfoStatus(t.sim, t.realm.realmId, tokens.access)).toBe(401);
    expect((await refresh(t.sim, tokens.refresh)).body.error).toBe("invalid_grant");
  });

  it("ends an access token (form body) and leaves the refresh token usable", async () => {
    const tokens = await connect();
    const answer = await revoke(new URLSearchParams({ token: tokens.access }).toString(), "application/x-www-form-urlencoded");
    expect(answer.status).toBe(200);
    expect(await companyInfoStatus(t.sim, t.realm.realmId, tokens.access)).toBe(401);
    expect((await refresh(t.sim, tokens.refresh)).status).toBe(200);
  });

  it("answers 200 for an unknown token and 401 for bad client credentials", async () => {
    expect((await revoke(JSON.stringify({ token: "never-issued" }), "application/json")).status).toBe(200);
    const tokens = await connect();
    const wrong = await revoke(JSON.stringify({ token: tokens.refresh }), "application/json", basic(APP.clientId, "wrong"));
    expect(wrong.status).toBe(401);
    expect(JSON.parse(wrong.text)).toEqual({ error: "invalid_client" });
    expect((await refresh(t.sim, tokens.refresh)).status).toBe(200);
  });

  it("does not let one app revoke another app's tokens", async () => {
    t.sim.registerApp({ clientId: "other-client", clientSecret: "other-secret", redirectUris: APP.redirectUris });
    const tokens = await connect();
    expect((await revoke(JSON.stringify({ token: tokens.refresh }), "application/json", basic("other-client", "other-secret"))).status).toBe(200);
    expect((await refresh(t.sim, tokens.refresh)).status).toBe(200);
  });
});

describe("issueTokens", () => {
  it("gives the token endpoint's body for the accounting scope, usable on the REST API and refreshable", async () => {
    const { id_token: _idToken, ...withoutIdToken } = fixture<Record<string, unknown>>("oauth/intuit_oauth_jsclient_token_response.json");
    const response = await fetch(`${t.sim.url}/_sim/tokens`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ clientId: APP.clientId, realmId: t.realm.realmId }) });
    const body = (await response.json()) as Record<string, unknown>;
    expect(response.status).toBe(200);
    expect(shapeOf(body).sort()).toEqual(shapeOf(withoutIdToken).sort());
    expect(await companyInfoStatus(t.sim, t.realm.realmId, String(body.access_token))).toBe(200);
    const rotated = await refresh(t.sim, String(body.refresh_token));
    expect(rotated.status).toBe(200);
    expect(await companyInfoStatus(t.sim, t.realm.realmId, String(rotated.body.access_token))).toBe(200);
    // The in-process shortcut answers the same way.
    expect(shapeOf(t.sim.issueTokens({ clientId: APP.clientId, realmId: t.realm.realmId })).sort()).toEqual(shapeOf(withoutIdToken).sort());
  });
});
