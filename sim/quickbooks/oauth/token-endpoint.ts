// POST /oauth2/v1/tokens/bearer: exchanges an authorization code, or rotates a refresh token.
// Codes are single use and bound to the client, the redirect URI and (when given) the PKCE challenge; a
// second exchange fails and ends the tokens the first one got, as Intuit does. Every refresh hands out a new
// refresh token and retires the old one, which then fails with invalid_grant.
import { createHash, timingSafeEqual } from "node:crypto";
import type { SimCore } from "../core";
import { formBody, header, type SimAnswer, type SimRequest } from "../http";
import { invalidClient, invalidGrant, methodNotAllowed, oauthError, tokenAnswer } from "./answers";
import { authenticateClient } from "./client-auth";
import { grantOf, idTokenFor, issueTokenPair, revokeGrant, type Grant } from "./grants";
import { HARD_EXPIRY_SECONDS, type StoredCode, type StoredRefreshToken } from "./records";
import { hasOpenId } from "./scopes";

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function pkceMatches(code: StoredCode, verifier: string | null): boolean {
  if (!code.codeChallenge) return true;
  if (verifier === null || !/^[A-Za-z0-9._~-]{43,128}$/.test(verifier)) return false;
  const derived = code.codeChallengeMethod === "plain" ? verifier : createHash("sha256").update(verifier).digest("base64url");
  return sameText(derived, code.codeChallenge);
}

/** Opt-in header (intuit-oauth's `includeRefreshTokenHardExpiresIn`) that adds `x_refresh_token_hard_expires_in`. */
function wantsHardExpiry(req: SimRequest): boolean {
  return (header(req, "x-include-refresh-token-hard-expires-in") ?? "").trim().toLowerCase() === "true";
}

function exchangeCode(core: SimCore, req: SimRequest, params: URLSearchParams, clientId: string): SimAnswer {
  const value = params.get("code");
  const redirectUri = params.get("redirect_uri");
  if (!value) return oauthError(400, "invalid_request", "code is required");
  if (!redirectUri) return oauthError(400, "invalid_request", "redirect_uri is required");
  const code: StoredCode | undefined = Object.hasOwn(core.state.authCodes, value) ? core.state.authCodes[value] : undefined;
  if (!code || code.clientId !== clientId) return invalidGrant();
  if (code.used) {
    // Replay: whoever holds this code may not be the app. End what the first exchange issued.
    revokeGrant(core, code.code);
    return invalidGrant();
  }
  const now = core.clock.now();
  if (code.expiresAt <= now) return invalidGrant();
  // A code presented with the wrong redirect URI or verifier is spent all the same: no second guess.
  code.used = true;
  if (code.redirectUri !== redirectUri || !pkceMatches(code, params.get("code_verifier"))) return invalidGrant();

  const authTime = code.authTime ?? now;
  const grant: Grant = {
    grantId: code.code,
    clientId,
    realmId: code.realmId,
    sub: code.sub,
    scope: code.scope,
    authTime,
    hardExpiresAt: authTime + HARD_EXPIRY_SECONDS * 1000,
  };
  const idToken = hasOpenId(code.scope) ? idTokenFor(core, grant, code.nonce) : undefined;
  const body = issueTokenPair(core, grant, { idToken, includeHardExpiry: wantsHardExpiry(req) });
  code.issuedRefreshToken = body.refresh_token;
  return tokenAnswer(body);
}

function refresh(core: SimCore, req: SimRequest, params: URLSearchParams, clientId: string): SimAnswer {
  const value = params.get("refresh_token");
  if (!value) return oauthError(400, "invalid_request", "refresh_token is required");
  const old: StoredRefreshToken | undefined = Object.hasOwn(core.state.refreshTokens, value) ? core.state.refreshTokens[value] : undefined;
  const now = core.clock.now();
  if (!old || old.clientId !== clientId || old.invalidated || old.expiresAt <= now || old.hardExpiresAt <= now) return invalidGrant();
  old.invalidated = true;
  // Refresh answers carry no id token (Intuit sends one only with the code exchange).
  return tokenAnswer(issueTokenPair(core, grantOf(old, now), { includeHardExpiry: wantsHardExpiry(req) }));
}

export function handleToken(core: SimCore, req: SimRequest): SimAnswer {
  if (req.method !== "POST") return methodNotAllowed(["POST"]);
  const params = formBody(req);
  const app = authenticateClient(core, req, params);
  if (!app) return invalidClient();
  const grantType = params.get("grant_type");
  if (!grantType) return oauthError(400, "invalid_request", "grant_type is required");
  if (grantType === "authorization_code") return exchangeCode(core, req, params, app.clientId);
  if (grantType === "refresh_token") return refresh(core, req, params, app.clientId);
  return oauthError(400, "unsupported_grant_type");
}
