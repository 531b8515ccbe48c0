// Acceptance: Intuit's own Node client (intuit-oauth, unmodified) against the simulator, pointed at it only
// through its documented overrides (setAuthorizeURLs and the static jwks_uri).
import OAuthClient from "intuit-oauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCOUNTING, APP, companyInfoStatus, refresh, startOAuthSim, submitConsent, type OAuthSim } from "./test-flow";

const STATICS = ["authorizeEndpoint", "tokenEndpoint", "revokeEndpoint", "userinfo_endpoint_sandbox", "userinfo_endpoint_production", "jwks_uri"] as const;
const saved = Object.fromEntries(STATICS.map((k) => [k, OAuthClient[k]]));

let t: OAuthSim;
beforeAll(async () => {
  t = await startOAuthSim();
});
afterAll(async () => {
  Object.assign(OAuthClient, saved);
  await t.sim.stop();
});

function client(options: { includeRefreshTokenHardExpiresIn?: boolean } = {}): OAuthClient {
  const oauth = new OAuthClient({ clientId: APP.clientId, clientSecret: APP.clientSecret, environment: "sandbox", redirectUri: APP.redirectUris[0]!, ...options });
  oauth.setAuthorizeURLs({
    authorizeEndpoint: `${t.sim.url}/connect/oauth2`,
    tokenEndpoint: `${t.sim.url}/oauth2/v1/tokens/bearer`,
    revokeEndpoint: `${t.sim.url}/v2/oauth2/tokens/revoke`,
    userInfoEndpoint: `${t.sim.url}/v1/openid_connect/userinfo`,
  });
  OAuthClient.jwks_uri = `${t.sim.url}/op/v1/jwks`;
  return oauth;
}

/** Copies the client's current token values (its Token object is live and emptied by revoke()). */
function snapshot(oauth: OAuthClient): { realmId: string; access_token: string; refresh_token: string } {
  const token = oauth.getToken();
  return { realmId: token.realmId, access_token: token.access_token, refresh_token: token.refresh_token };
}

/** What the error thrown by intuit-oauth says the server answered. */
async function failure(promise: Promise<unknown>): Promise<{ error?: string; error_description?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { error?: string; error_description?: string };
  }
  throw new Error("expected the call to fail");
}

describe("intuit-oauth against the simulator", () => {
  it("connects, validates the id token, reads userinfo, rotates, and revokes", async () => {
    const oauth = client();
    const url = oauth.authorizeUri({ scope: [OAuthClient.scopes.Accounting, OAuthClient.scopes.OpenId, OAuthClient.scopes.Profile, OAuthClient.scopes.Email], state: "intuit-state" });
    expect(url.startsWith(`${t.sim.url}/connect/oauth2?`)).toBe(true);

    const callback = await submitConsent(url, { action: "connect", realm: t.realm.realmId });
    expect(callback.searchParams.get("state")).toBe("intuit-state");
    expect(callback.searchParams.get("realmId")).toBe(t.realm.realmId);

    const created = await oauth.createToken(callback.toString());
    expect(created.json).toMatchObject({ token_type: "bearer", expires_in: 3600, x_refresh_token_expires_in: 8726400 });
    const token = snapshot(oauth);
    expect(token.realmId).toBe(t.realm.realmId);
    expect(oauth.isAccessTokenValid()).toBe(true);
    expect(await companyInfoStatus(t.sim, token.realmId, token.access_token)).toBe(200);

    await expect(oauth.validateIdToken()).resolves.toBe(true);

    const info = await oauth.getUserInfo();
    expect(info.json).toMatchObject({ email: "demo@intuit.example", givenName: "Demo", familyName: "User", emailVerified: true });

    const oldRefresh = token.refresh_token;
    await oauth.refresh();
    const rotated = snapshot(oauth);
    expect(rotated.refresh_token).not.toBe(oldRefresh);
    expect(await companyInfoStatus(t.sim, t.realm.realmId, rotated.access_token)).toBe(200);
    const stale = await failure(oauth.refreshUsingToken(oldRefresh));
    expect(stale.error).toBe("invalid_grant");
    expect(stale.error_description).toBe("Token invalid");

    // revoke() sends the access token while it is valid, which ends that token only; revoking the refresh
    // token disconnects the app.
    await oauth.revoke();
    expect(oauth.getToken().access_token).toBe("");
    expect(await companyInfoStatus(t.sim, t.realm.realmId, rotated.access_token)).toBe(401);
    const latest = String((await refresh(t.sim, rotated.refresh_token)).body.refresh_token);
    await oauth.revoke({ refresh_token: latest });
    expect((await failure(oauth.refreshUsingToken(latest))).error).toBe("invalid_grant");
  });

  it("reads the hard expiry when the client opts in", async () => {
    const oauth = client({ includeRefreshTokenHardExpiresIn: true });
    const callback = await submitConsent(oauth.authorizeUri({ scope: [OAuthClient.scopes.Accounting], state: "s" }), { action: "connect", realm: t.realm.realmId });
    await oauth.createToken(callback.toString());
    expect(oauth.getToken().x_refresh_token_hard_expires_in).toBeGreaterThan(4.9 * 365 * 86_400);
    await oauth.refresh();
    expect(oauth.getToken().x_refresh_token_hard_expires_in).toBeGreaterThan(4.9 * 365 * 86_400);
  });

  it("surfaces a reused code as invalid_grant", async () => {
    const oauth = client();
    const callback = await submitConsent(oauth.authorizeUri({ scope: [ACCOUNTING], state: "s" }), { action: "connect", realm: t.realm.realmId });
    await oauth.createToken(callback.toString());
    const first = oauth.getToken().access_token;
    expect(first).not.toBe("");
    expect((await failure(client().createToken(callback.toString()))).error).toBe("invalid_grant");
    expect(await companyInfoStatus(t.sim, t.realm.realmId, first)).toBe(401);
  });
});
