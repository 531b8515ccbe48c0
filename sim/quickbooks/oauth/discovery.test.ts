// Discovery and JWKS: what a client reads before anything else.
import { createPublicKey } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixture, shapeOf } from "../test-helpers";
import { startOAuthSim, type OAuthSim } from "./test-flow";

type Discovery = Record<string, unknown>;
const intuit = fixture<Discovery>("oauth/discovery_sandbox.json");
const ENDPOINTS = ["authorization_endpoint", "token_endpoint", "userinfo_endpoint", "revocation_endpoint", "jwks_uri"];

let t: OAuthSim;
beforeAll(async () => {
  t = await startOAuthSim();
});
afterAll(async () => {
  await t.sim.stop();
});

describe("discovery document", () => {
  const paths = [
    "/.well-known/openid-configuration",
    "/.well-known/openid-sandbox-configuration",
    "/.well-known/openid_sandbox_configuration/",
    "/.well-known/openid_sandbox_configuration",
    "/.well-known/openid_configuration/",
    "/.well-known/openid_configuration",
    "/op/v1/.well-known/openid-configuration",
  ];

  it.each(paths)("%s answers Intuit's keys with the simulator's endpoints", async (path) => {
    const response = await fetch(`${t.sim.url}${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const doc = (await response.json()) as Discovery;
    expect(shapeOf(doc).sort()).toEqual(shapeOf(intuit).sort());
    expect(doc.issuer).toBe("https://oauth.platform.intuit.com/op/v1");
    for (const key of ENDPOINTS) {
      // Same path as Intuit's, on the simulator's host.
      expect(doc[key]).toBe(`${t.sim.url}${new URL(String(intuit[key])).pathname}`);
    }
    expect(doc.response_types_supported).toEqual(["code"]);
    expect(doc.id_token_signing_alg_values_supported).toEqual(["RS256"]);
  });
});

describe("JWKS", () => {
  it("publishes one stable 2048-bit RS256 signing key", async () => {
    const first = (await (await fetch(`${t.sim.url}/op/v1/jwks`)).json()) as { keys: Record<string, string>[] };
    const second = (await (await fetch(`${t.sim.url}/op/v1/jwks`)).json()) as { keys: Record<string, string>[] };
    expect(first.keys).toHaveLength(1);
    const key = first.keys[0]!;
    expect(Object.keys(key).sort()).toEqual(["alg", "e", "kid", "kty", "n", "use"]);
    expect(key).toMatchObject({ kty: "RSA", use: "sig", alg: "RS256", e: "AQAB" });
    expect(second.keys[0]!.kid).toBe(key.kid);
    const publicKey = createPublicKey({ key: { kty: "RSA", n: key.n!, e: key.e! }, format: "jwk" });
    expect(publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
  });

  it("gives another simulator another key", async () => {
    const other = await startOAuthSim();
    try {
      const mine = (await (await fetch(`${t.sim.url}/op/v1/jwks`)).json()) as { keys: { kid: string }[] };
      const theirs = (await (await fetch(`${other.sim.url}/op/v1/jwks`)).json()) as { keys: { kid: string }[] };
      expect(theirs.keys[0]!.kid).not.toBe(mine.keys[0]!.kid);
    } finally {
      await other.sim.stop();
    }
  });
});
