// The id token and userinfo: what a sign-in client verifies and reads.
import { createPublicKey, verify } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixture, shapeOf } from "../test-helpers";
import { ACCOUNTING, APP, authorize, decodeJwt, exchange, startOAuthSim, type OAuthSim } from "./test-flow";

const userinfoFixture = fixture<Record<string, unknown>>("oauth/intuit_oauth_jsclient_userinfo.json");

let t: OAuthSim;
beforeAll(async () => {
  t = await startOAuthSim();
});
afterAll(async () => {
  await t.sim.stop();
});

async function signIn(scope: string, params: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const callback = await authorize(t, scope, params);
  const tokens = await exchange(t.sim, callback.get("code")!);
  expect(tokens.status).toBe(200);
  return tokens.body;
}

async function userinfo(accessToken: string): Promise<{ status: number; body: Record<string, unknown>; challenge: string | null }> {
  const response = await fetch(`${t.sim.url}/v1/openid_connect/userinfo`, { headers: { authorization: `Bearer ${accessToken}`, accept: "application/json" } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, challenge: response.headers.get("www-authenticate") };
}

describe("id token", () => {
  it("is an RS256 JWT signed by the JWKS key, with Intuit's claims and the nonce", async () => {
    const before = Math.floor(t.sim.clock.now() / 1000);
    const tokens = await signIn(`${ACCOUNTING} openid profile email`, { nonce: "nonce-42" });
    const idToken = String(tokens.id_token);
    const { header, claims } = decodeJwt(idToken);
    const jwks = (await (await fetch(`${t.sim.url}/op/v1/jwks`)).json()) as { keys: { kid: string; n: string; e: string }[] };
    const key = jwks.keys.find((k) => k.kid === header.kid)!;
    expect(header.alg).toBe("RS256");
    expect(key).toBeDefined();

    const [h, p, s] = idToken.split(".");
    const publicKey = createPublicKey({ key: { kty: "RSA", n: key.n, e: key.e }, format: "jwk" });
    expect(verify("sha256", Buffer.from(`${h}.${p}`), publicKey, Buffer.from(s!, "base64url"))).toBe(true);

    expect(claims).toMatchObject({ iss: "https://oauth.platform.intuit.com/op/v1", aud: [APP.clientId], realmid: t.realm.realmId, nonce: "nonce-42" });
    expect(typeof claims.sub).toBe("string");
    expect(Number(claims.iat)).toBeGreaterThanOrEqual(before);
    expect(Number(claims.exp) - Number(claims.iat)).toBe(3600);
    expect(Number(claims.auth_time)).toBeGreaterThanOrEqual(before);
    // Profile data comes from userinfo, not the id token.
    expect(claims).not.toHaveProperty("email");
    expect(claims).not.toHaveProperty("givenName");
  });

  it("leaves out realmid and nonce when neither applies", async () => {
    const { claims } = decodeJwt(String((await signIn("openid email")).id_token));
    expect(claims).not.toHaveProperty("realmid");
    expect(claims).not.toHaveProperty("nonce");
  });
});

describe("userinfo", () => {
  it("answers Intuit's keys for a token with every profile scope, with the id token's sub", async () => {
    const tokens = await signIn("openid profile email phone address");
    const info = await userinfo(String(tokens.access_token));
    expect(info.status).toBe(200);
    expect(shapeOf(info.body).sort()).toEqual(shapeOf(userinfoFixture).sort());
    expect(info.body).toMatchObject({ email: "demo@intuit.example", emailVerified: true, givenName: "Demo", familyName: "User" });
    expect(info.body.sub).toBe(decodeJwt(String(tokens.id_token)).claims.sub);
  });

  it("answers only what was granted", async () => {
    const info = await userinfo(String((await signIn("openid email")).access_token));
    expect(Object.keys(info.body).sort()).toEqual(["email", "emailVerified", "sub"]);
  });

  it("refuses unknown and expired tokens with 401, and tokens without openid with 403", async () => {
    expect((await userinfo("not-a-token")).status).toBe(401);
    const accountingOnly = await signIn(ACCOUNTING);
    const refused = await userinfo(String(accountingOnly.access_token));
    expect(refused.status).toBe(403);
    expect(refused.challenge).toContain("insufficient_scope");
    const tokens = await signIn("openid email");
    t.sim.clock.advance(3601_000);
    const expired = await userinfo(String(tokens.access_token));
    expect(expired.status).toBe(401);
    expect(expired.challenge).toContain("invalid_token");
  });
});
