// Acceptance: the OpenID Connect steps Auth.js (next-auth 5) takes, through oauth4webapi itself: discovery,
// PKCE S256, state and nonce, the code exchange with id-token checks, userinfo, refresh and revocation.
import * as o from "oauth4webapi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP, startOAuthSim, submitConsent, type OAuthSim } from "./test-flow";

const ISSUER = new URL("https://oauth.platform.intuit.com/op/v1");
const insecure = { [o.allowInsecureRequests]: true } as const;
const client: o.Client = { client_id: APP.clientId };
const clientAuth = o.ClientSecretBasic(APP.clientSecret);
const redirectUri = APP.redirectUris[0]!;

let t: OAuthSim;
let as: o.AuthorizationServer;
beforeAll(async () => {
  t = await startOAuthSim();
  // Auth.js derives the discovery URL from the issuer; here the fetch goes to the simulator instead of Intuit.
  const response = await o.discoveryRequest(ISSUER, { ...insecure, [o.customFetch]: (_url, options) => fetch(`${t.sim.url}/.well-known/openid-configuration`, options) });
  as = await o.processDiscoveryResponse(ISSUER, response);
});
afterAll(async () => {
  await t.sim.stop();
});

async function signIn(): Promise<{ callback: URL; verifier: string; nonce: string; state: string }> {
  const verifier = o.generateRandomCodeVerifier();
  const nonce = o.generateRandomNonce();
  const state = o.generateRandomState();
  const url = new URL(as.authorization_endpoint!);
  url.search = new URLSearchParams({
    response_type: "code",
    client_id: APP.clientId,
    redirect_uri: redirectUri,
    scope: "openid email profile",
    code_challenge: await o.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    nonce,
  }).toString();
  const callback = await submitConsent(url.toString(), { action: "connect", email: "ada.lovelace@example.com" });
  return { callback, verifier, nonce, state };
}

describe("oauth4webapi (Auth.js) against the simulator", () => {
  it("signs in with PKCE, state and nonce, and reads the profile", async () => {
    const { callback, verifier, nonce, state } = await signIn();
    const params = o.validateAuthResponse(as, client, callback, state);
    const response = await o.authorizationCodeGrantRequest(as, client, clientAuth, params, redirectUri, verifier, insecure);
    const tokens = await o.processAuthorizationCodeResponse(as, client, response, { expectedNonce: nonce, requireIdToken: true });
    const claims = o.getValidatedIdTokenClaims(tokens)!;
    expect(claims.iss).toBe(ISSUER.href);
    expect(claims.nonce).toBe(nonce);

    const info = await o.processUserInfoResponse(as, client, claims.sub, await o.userInfoRequest(as, client, tokens.access_token, insecure));
    expect(info).toMatchObject({ sub: claims.sub, email: "ada.lovelace@example.com", givenName: "Ada", familyName: "Lovelace" });

    const refreshed = await o.processRefreshTokenResponse(as, client, await o.refreshTokenGrantRequest(as, client, clientAuth, tokens.refresh_token!, insecure));
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);

    await o.processRevocationResponse(await o.revocationRequest(as, client, clientAuth, refreshed.refresh_token!, insecure));
    const afterRevoke = o.processRefreshTokenResponse(as, client, await o.refreshTokenGrantRequest(as, client, clientAuth, refreshed.refresh_token!, insecure));
    await expect(afterRevoke).rejects.toMatchObject({ error: "invalid_grant" });
  });

  it("fails the id-token check when the nonce is not the one sent", async () => {
    const { callback, verifier, state } = await signIn();
    const params = o.validateAuthResponse(as, client, callback, state);
    const response = await o.authorizationCodeGrantRequest(as, client, clientAuth, params, redirectUri, verifier, insecure);
    await expect(o.processAuthorizationCodeResponse(as, client, response, { expectedNonce: "another-nonce" })).rejects.toThrow(/nonce/);
  });

  it("refuses the code with the wrong PKCE verifier", async () => {
    const { callback, state } = await signIn();
    const params = o.validateAuthResponse(as, client, callback, state);
    const response = await o.authorizationCodeGrantRequest(as, client, clientAuth, params, redirectUri, o.generateRandomCodeVerifier(), insecure);
    await expect(o.processAuthorizationCodeResponse(as, client, response)).rejects.toMatchObject({ error: "invalid_grant" });
  });

  it("sees Cancel as an access_denied authorization error", async () => {
    const state = o.generateRandomState();
    const url = new URL(as.authorization_endpoint!);
    url.search = new URLSearchParams({ response_type: "code", client_id: APP.clientId, redirect_uri: redirectUri, scope: "openid email", state }).toString();
    const callback = await submitConsent(url.toString(), { action: "cancel" });
    expect(() => o.validateAuthResponse(as, client, callback, state)).toThrow(o.AuthorizationResponseError);
    expect(callback.searchParams.get("error")).toBe("access_denied");
  });
});
