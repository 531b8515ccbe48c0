import OAuthClient from "intuit-oauth";
import { z } from "zod";
import type { QboApp } from "./endpoints";

// Intuit's own OAuth client does the protocol (authorize URL, code exchange, refresh, revoke); this file only
// points it at the right host and turns its answers into parsed values and one error type.

export const ACCOUNTING_SCOPE = "com.intuit.quickbooks.accounting";

const TokenSetSchema = z.looseObject({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.number().positive(),
  x_refresh_token_expires_in: z.number().positive(),
  x_refresh_token_hard_expires_in: z.number().positive().optional(),
});

export type TokenSet = {
  accessToken: string;
  refreshToken: string;
  accessTokenExpiresAt: Date;
  refreshTokenExpiresAt: Date;
  refreshTokenHardExpiresAt: Date | null;
};

/** Intuit refused or could not be reached. `invalidGrant` means the refresh token is dead: only a reconnect helps. */
export class IntuitOAuthError extends Error {
  override name = "IntuitOAuthError";
  constructor(
    message: string,
    readonly invalidGrant: boolean,
    readonly intuitTid: string | null,
  ) {
    super(message);
  }
}

function clientFor(app: QboApp): OAuthClient {
  const client = new OAuthClient({
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    environment: app.environment === "SANDBOX" ? "sandbox" : "production",
    redirectUri: app.redirectUri,
    logging: false,
    includeRefreshTokenHardExpiresIn: true,
  });
  // The endpoints are class-wide in intuit-oauth; every environment of one deployment shares them.
  client.setAuthorizeURLs({ authorizeEndpoint: app.authorizeUrl, tokenEndpoint: app.tokenUrl, revokeEndpoint: app.revokeUrl, userInfoEndpoint: app.userInfoUrl });
  return client;
}

function toTokenSet(raw: unknown, now: Date): TokenSet {
  const t = TokenSetSchema.parse(raw);
  const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);
  return {
    accessToken: t.access_token,
    refreshToken: t.refresh_token,
    accessTokenExpiresAt: at(t.expires_in),
    refreshTokenExpiresAt: at(t.x_refresh_token_expires_in),
    refreshTokenHardExpiresAt: t.x_refresh_token_hard_expires_in ? at(t.x_refresh_token_hard_expires_in) : null,
  };
}

function toError(error: unknown, action: string): IntuitOAuthError {
  // intuit-oauth rejects with its AuthResponse-derived error: OAuth's `error` code is a field, not message text.
  const e = (error ?? {}) as { error?: unknown; intuit_tid?: unknown; intuitTid?: unknown; authResponse?: { json?: { error?: unknown } } };
  const code = e.error ?? e.authResponse?.json?.error;
  const tid = e.intuit_tid ?? e.intuitTid;
  return new IntuitOAuthError(`Intuit ${action} failed${typeof code === "string" ? ` (${code})` : ""}.`, code === "invalid_grant", typeof tid === "string" && tid !== "" ? tid : null);
}

function tokenOf(response: { getJson?: () => unknown; json?: unknown }): unknown {
  return response.getJson ? response.getJson() : response.json;
}

export function authorizeUrl(app: QboApp, state: string): string {
  return clientFor(app).authorizeUri({ scope: [ACCOUNTING_SCOPE], state });
}

/** Exchanges the code on the redirect URL Intuit sent the browser to (it carries code, state and realmId). */
export async function exchangeCode(app: QboApp, callbackUrl: string, now = new Date()): Promise<TokenSet> {
  try {
    return toTokenSet(tokenOf(await clientFor(app).createToken(callbackUrl)), now);
  } catch (error) {
    if (error instanceof z.ZodError) throw new IntuitOAuthError("Intuit answered the code exchange with an unexpected body.", false, null);
    throw toError(error, "code exchange");
  }
}

export async function refreshTokens(app: QboApp, refreshToken: string, now = new Date()): Promise<TokenSet> {
  try {
    return toTokenSet(tokenOf(await clientFor(app).refreshUsingToken(refreshToken)), now);
  } catch (error) {
    if (error instanceof z.ZodError) throw new IntuitOAuthError("Intuit answered the token refresh with an unexpected body.", false, null);
    throw toError(error, "token refresh");
  }
}

export async function revokeToken(app: QboApp, refreshToken: string): Promise<void> {
  try {
    await clientFor(app).revoke({ refresh_token: refreshToken });
  } catch (error) {
    throw toError(error, "revoke");
  }
}
