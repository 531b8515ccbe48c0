// The id-token signing key: one RSA key per running simulator, generated on first use and kept in memory
// only (never in the state file), so a restart rotates it like a real key rollover would. Public half at
// /op/v1/jwks; intuit-oauth rebuilds a PEM from its `n` and `e`.
import { createHash, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import type { SimCore } from "../core";

type PublicJwk = { kty: "RSA"; e: string; use: "sig"; kid: string; alg: "RS256"; n: string };
type SigningKey = { privateKey: KeyObject; jwk: PublicJwk };

const keys = new WeakMap<SimCore, SigningKey>();

function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString("base64url");
}

function signingKey(core: SimCore): SigningKey {
  const existing = keys.get(core);
  if (existing) return existing;
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const exported = publicKey.export({ format: "jwk" });
  const n = String(exported.n);
  const e = String(exported.e);
  // RFC 7638 thumbprint: the kid stays the same for as long as the key does.
  const kid = base64url(createHash("sha256").update(JSON.stringify({ e, kty: "RSA", n })).digest());
  const key: SigningKey = { privateKey, jwk: { kty: "RSA", e, use: "sig", kid, alg: "RS256", n } };
  keys.set(core, key);
  return key;
}

export function jwks(core: SimCore): { keys: PublicJwk[] } {
  return { keys: [signingKey(core).jwk] };
}

/** Signs claims as a compact RS256 JWT. Intuit's id-token header carries only `kid` and `alg`. */
export function signJwt(core: SimCore, claims: Record<string, unknown>): string {
  const key = signingKey(core);
  const input = `${base64url(JSON.stringify({ kid: key.jwk.kid, alg: "RS256" }))}.${base64url(JSON.stringify(claims))}`;
  const signature = sign("sha256", Buffer.from(input), key.privateKey);
  return `${input}.${base64url(signature)}`;
}
