// The token endpoint as a client sees it: bodies key by key against Intuit's, single-use codes, PKCE,
// refresh-token rotation and expiry on the sim clock.
import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fixture, shapeOf } from "../test-helpers";
import { ACCOUNTING, APP, authorize, basic, companyInfoStatus, exchange, refresh, startOAuthSim, tokenCall, type OAuthSim } from "./test-flow";

const tokenFixture = fixture<Record<string, unknown>>("oauth/intuit_oauth_jsclient_token_response.json");
const hardFixture = fixture<Record<string, unknown>>("oauth/intuit_oauth_jsclient_hard_expires_token_response.json");
const invalidGrantBody = fixture<{ response: { body: string; status: number } }>("oauth/intuit_oauth_jsclient_error_invalid_grant.json").response;
const sorted = (value: unknown) => shapeOf(value).sort();
const DAY = 86_400_000;

let t: OAuthSim;
beforeEach(async () => {
  t = await startOAuthSim();
});
afterEach(async () => {
  await t.sim.stop();
});

async function connect(scope = ACCOUNTING, params: Record<string, string> = {}): Promise<{ code: string; realmId: string | null }> {
  const callback = await authorize(t, scope, params);
  return { code: callback.get("code")!, realmId: callback.get("realmId") };
}

describe("authorization code exchange", () => {
  it("answers Intuit's keys, with an id token only when openid was granted", async () => {
    const signIn = await exchange(t.sim, (await connect(`${ACCOUNTING} openid profile email`)).code);
    expect(signIn.status).toBe(200);
    expect(sorted(signIn.body)).toEqual(sorted(tokenFixture));
    expect(signIn.body).toMatchObject({ token_type: "bearer", expires_in: 3600, x_refresh_token_expires_in: 8726400 });
    expect(signIn.headers.get("cache-control")).toContain("no-store");

    const accountingOnly = await exchange(t.sim, (await connect()).code);
    const { id_token: _idToken, ...withoutIdToken } = tokenFixture;
    expect(sorted(accountingOnly.body)).toEqual(sorted(withoutIdToken));
    expect(await companyInfoStatus(t.sim, t.realm.realmId, String(accountingOnly.body.access_token))).toBe(200);
  });

  it("refuses a second exchange of the same code and ends the tokens of the first", async () => {
    const { code, realmId } = await connect();
    const first = await exchange(t.sim, code);
    expect(first.status).toBe(200);
    const second = await exchange(t.sim, code);
    expect(second.status).toBe(400);
    expect(second.text).toBe(invalidGrantBody.body);
    expect(await companyInfoStatus(t.sim, realmId!, String(first.body.access_token))).toBe(401);
    expect((await refresh(t.sim, String(first.body.refresh_token))).body.error).toBe("invalid_grant");
  });

  it("binds the code to the redirect URI and the client", async () => {
    const wrongRedirect = await exchange(t.sim, (await connect()).code, { redirect_uri: "http://localhost:3999/other" });
    expect(wrongRedirect.status).toBe(400);
    expect(wrongRedirect.body.error).toBe("invalid_grant");

    t.sim.registerApp({ clientId: "other-client", clientSecret: "other-secret", redirectUris: APP.redirectUris });
    const otherClient = await exchange(t.sim, (await connect()).code, {}, { authorization: basic("other-client", "other-secret") });
    expect(otherClient.status).toBe(400);
    expect(otherClient.body.error).toBe("invalid_grant");
  });

  it("expires an unused code after 5 minutes", async () => {
    const { code } = await connect();
    t.sim.clock.advance(5 * 60_000 + 1_000);
    expect((await exchange(t.sim, code)).body.error).toBe("invalid_grant");
  });

  it("checks the PKCE verifier when a challenge was sent", async () => {
    const verifier = "a".repeat(20) + "-verifier-for-the-pkce-test-0123456789";
    const challenge = createHash("sha256").update(verifier).digest("base64url");
    const pkce = { code_challenge: challenge, code_challenge_method: "S256" };

    const mismatch = await exchange(t.sim, (await connect(ACCOUNTING, pkce)).code, { code_verifier: `${verifier}x` });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error).toBe("invalid_grant");
    const missing = await exchange(t.sim, (await connect(ACCOUNTING, pkce)).code);
    expect(missing.body.error).toBe("invalid_grant");
    const match = await exchange(t.sim, (await connect(ACCOUNTING, pkce)).code, { code_verifier: verifier });
    expect(match.status).toBe(200);
  });
});

describe("client authentication and request errors", () => {
  it("answers 401 invalid_client for missing or wrong credentials, and accepts client_secret_post", async () => {
    const { code } = await connect();
    const none = await exchange(t.sim, code, {}, {});
    expect(none.status).toBe(401);
    expect(none.body).toEqual({ error: "invalid_client" });
    const wrong = await exchange(t.sim, code, {}, { authorization: basic(APP.clientId, "not-the-secret") });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ error: "invalid_client" });
    const posted = await exchange(t.sim, code, { client_id: APP.clientId, client_secret: APP.clientSecret }, {});
    expect(posted.status).toBe(200);
  });

  it("answers unsupported_grant_type and invalid_request", async () => {
    const unsupported = await tokenCall(t.sim, { grant_type: "client_credentials" });
    expect(unsupported.status).toBe(400);
    expect(unsupported.body.error).toBe("unsupported_grant_type");
    expect((await tokenCall(t.sim, {})).body.error).toBe("invalid_request");
    expect((await tokenCall(t.sim, { grant_type: "authorization_code", redirect_uri: APP.redirectUris[0]! })).body.error).toBe("invalid_request");
    expect((await tokenCall(t.sim, { grant_type: "refresh_token" })).body.error).toBe("invalid_request");
  });
});

describe("refresh", () => {
  it("rotates the refresh token; the old one then fails with Intuit's invalid_grant body", async () => {
    const first = await exchange(t.sim, (await connect()).code);
    const oldRefresh = String(first.body.refresh_token);
    const rotated = await refresh(t.sim, oldRefresh);
    expect(rotated.status).toBe(200);
    const { id_token: _idToken, ...withoutIdToken } = tokenFixture;
    expect(sorted(rotated.body)).toEqual(sorted(withoutIdToken));
    expect(rotated.body.refresh_token).not.toBe(oldRefresh);
    expect(rotated.body.access_token).not.toBe(first.body.access_token);

    const again = await refresh(t.sim, oldRefresh);
    expect(again.status).toBe(invalidGrantBody.status);
    expect(again.text).toBe(invalidGrantBody.body);
    expect(await companyInfoStatus(t.sim, t.realm.realmId, String(rotated.body.access_token))).toBe(200);
    expect((await refresh(t.sim, String(rotated.body.refresh_token))).status).toBe(200);
  });

  it("renews the rolling expiry on rotation and refuses an expired refresh token", async () => {
    const first = await exchange(t.sim, (await connect()).code);
    t.sim.clock.advance(50 * DAY);
    const renewed = await refresh(t.sim, String(first.body.refresh_token));
    expect(renewed.body.x_refresh_token_expires_in).toBe(8726400);
    t.sim.clock.advance(8726400_000 + 1_000);
    const expired = await refresh(t.sim, String(renewed.body.refresh_token));
    expect(expired.status).toBe(400);
    expect(expired.text).toBe(invalidGrantBody.body);
  });

  it("reports the hard expiry when asked, carried over from the original consent", async () => {
    const hard = { authorization: basic(), "x-include-refresh-token-hard-expires-in": "true" };
    const first = await exchange(t.sim, (await connect()).code, {}, hard);
    expect(sorted(first.body)).toEqual(sorted(hardFixture));
    const initial = Number(first.body.x_refresh_token_hard_expires_in);
    expect(initial).toBeGreaterThan(4.9 * 365 * 86_400);
    expect(initial).toBeLessThanOrEqual(5 * 365 * 86_400);

    t.sim.clock.advance(10 * DAY);
    const rotated = await refresh(t.sim, String(first.body.refresh_token), hard);
    expect(Number(rotated.body.x_refresh_token_hard_expires_in)).toBeCloseTo(initial - 10 * 86_400, -1);
    // Without the header the key is absent.
    expect(Object.keys((await refresh(t.sim, String(rotated.body.refresh_token))).body)).not.toContain("x_refresh_token_hard_expires_in");
  });
});

describe("access tokens", () => {
  it("stop working on the REST API after an hour", async () => {
    const tokens = await exchange(t.sim, (await connect()).code);
    expect(await companyInfoStatus(t.sim, t.realm.realmId, String(tokens.body.access_token))).toBe(200);
    t.sim.clock.advance(3601_000);
    expect(await companyInfoStatus(t.sim, t.realm.realmId, String(tokens.body.access_token))).toBe(401);
    const refreshed = await refresh(t.sim, String(tokens.body.refresh_token));
    expect(await companyInfoStatus(t.sim, t.realm.realmId, String(refreshed.body.access_token))).toBe(200);
  });
});
