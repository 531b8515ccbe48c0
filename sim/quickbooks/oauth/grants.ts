// Issuing, rotating and revoking the tokens of one grant (one consent). Every token of a grant carries the
// grant's id so a reused authorization code or a revoked refresh token can end all of them at once.
import { randomBytes, randomInt } from "node:crypto";
import type { SimCore } from "../core";
import { signJwt } from "./keys";
import {
  ACCESS_TOKEN_SECONDS,
  ID_TOKEN_SECONDS,
  REFRESH_TOKEN_SECONDS,
  type StoredAccessToken,
  type StoredRefreshToken,
} from "./records";

export type Grant = {
  grantId: string;
  clientId: string;
  realmId: string | null;
  sub: string;
  scope: string[];
  /** Sim ms of the consent (the id token's `auth_time`). */
  authTime: number;
  hardExpiresAt: number;
};

/** The token endpoint's body, keys as Intuit sends them. */
export type TokenBody = {
  access_token: string;
  refresh_token: string;
  token_type: "bearer";
  expires_in: number;
  x_refresh_token_expires_in: number;
  id_token?: string;
  x_refresh_token_hard_expires_in?: number;
};

const ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyz0123456789";

function randomText(length: number, alphabet = ALPHANUMERIC): string {
  let text = "";
  for (let i = 0; i < length; i++) text += alphabet[randomInt(alphabet.length)];
  return text;
}

/** Intuit's access tokens are JWEs of about a thousand characters; the same shape here catches short columns. */
function newAccessTokenValue(): string {
  const header = Buffer.from(JSON.stringify({ enc: "A128CBC-HS256", alg: "dir" })).toString("base64url");
  return `${header}..${randomBytes(16).toString("base64url")}.${randomBytes(640).toString("base64url")}.${randomBytes(16).toString("base64url")}`;
}

/** Like Intuit's `RT1-39-H3-1785429816rcysb9dns1ofreknypnm`: prefix, expiry in seconds, random tail. */
function newRefreshTokenValue(expiresAt: number): string {
  return `RT1-${randomInt(10, 100)}-H0-${Math.floor(expiresAt / 1000)}${randomText(20)}`;
}

export function newCodeValue(now: number): string {
  return `AB1${Math.floor(now / 1000)}${randomText(37, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")}`;
}

export function newGrantId(): string {
  return `grant-${randomBytes(12).toString("hex")}`;
}

/** RS256 id token with Intuit's claims. Email and names are not in it: they come from userinfo. */
export function idTokenFor(core: SimCore, grant: Grant, nonce: string | null): string {
  const now = Math.floor(core.clock.now() / 1000);
  return signJwt(core, {
    sub: grant.sub,
    aud: [grant.clientId],
    ...(grant.realmId ? { realmid: grant.realmId } : {}),
    auth_time: Math.floor(grant.authTime / 1000),
    iss: core.issuer,
    exp: now + ID_TOKEN_SECONDS,
    iat: now,
    ...(nonce ? { nonce } : {}),
  });
}

/** Stores a fresh access and refresh token for the grant and returns the token endpoint's body. */
export function issueTokenPair(core: SimCore, grant: Grant, options: { idToken?: string; includeHardExpiry: boolean }): TokenBody {
  const now = core.clock.now();
  const link = { grantId: grant.grantId, authTime: grant.authTime };
  const access: StoredAccessToken = {
    token: newAccessTokenValue(),
    clientId: grant.clientId,
    realmId: grant.realmId,
    sub: grant.sub,
    scope: grant.scope,
    expiresAt: now + ACCESS_TOKEN_SECONDS * 1000,
    revoked: false,
    ...link,
  };
  // The rolling expiry never reaches past the hard ceiling.
  const refreshExpiresAt = Math.min(now + REFRESH_TOKEN_SECONDS * 1000, grant.hardExpiresAt);
  const refresh: StoredRefreshToken = {
    token: newRefreshTokenValue(refreshExpiresAt),
    clientId: grant.clientId,
    realmId: grant.realmId,
    sub: grant.sub,
    scope: grant.scope,
    expiresAt: refreshExpiresAt,
    hardExpiresAt: grant.hardExpiresAt,
    invalidated: false,
    accessToken: access.token,
    ...link,
  };
  core.state.accessTokens[access.token] = access;
  core.state.refreshTokens[refresh.token] = refresh;
  const body: TokenBody = {
    access_token: access.token,
    refresh_token: refresh.token,
    token_type: "bearer",
    expires_in: ACCESS_TOKEN_SECONDS,
    x_refresh_token_expires_in: Math.max(0, Math.floor((refreshExpiresAt - now) / 1000)),
  };
  if (options.idToken) body.id_token = options.idToken;
  if (options.includeHardExpiry) body.x_refresh_token_hard_expires_in = Math.max(0, Math.floor((grant.hardExpiresAt - now) / 1000));
  return body;
}

/** The grant a refresh token belongs to; tokens stored without a grant id form a grant of their own. */
export function grantOf(token: StoredRefreshToken, fallbackAuthTime: number): Grant {
  return {
    grantId: token.grantId ?? token.token,
    clientId: token.clientId,
    realmId: token.realmId,
    sub: token.sub,
    scope: token.scope,
    authTime: token.authTime ?? fallbackAuthTime,
    hardExpiresAt: token.hardExpiresAt,
  };
}

/** Ends every access and refresh token of a grant (disconnect, or a reused authorization code). */
export function revokeGrant(core: SimCore, grantId: string): void {
  const refreshTokens: StoredRefreshToken[] = Object.values(core.state.refreshTokens);
  const accessTokens: StoredAccessToken[] = Object.values(core.state.accessTokens);
  for (const t of refreshTokens) {
    if ((t.grantId ?? t.token) !== grantId) continue;
    t.invalidated = true;
    const access = t.accessToken ? core.state.accessTokens[t.accessToken] : undefined;
    if (access) access.revoked = true;
  }
  for (const t of accessTokens) {
    if (t.grantId === grantId) t.revoked = true;
  }
}
