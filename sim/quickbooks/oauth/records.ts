// Paths, lifetimes and the extra fields this module keeps on the core's token records. The extras are
// written into the same state objects (so they survive `--state-file`) but are optional when read back:
// tokens minted directly into the state (test helpers, older state files) do not carry them.
import type { AccessToken, AuthorizationCode, RefreshToken } from "../state";

/** Intuit's paths, served on the simulator's own host. */
export const PATHS = {
  authorize: "/connect/oauth2",
  token: "/oauth2/v1/tokens/bearer",
  revoke: "/v2/oauth2/tokens/revoke",
  userinfo: "/v1/openid_connect/userinfo",
  jwks: "/op/v1/jwks",
} as const;

export const ACCESS_TOKEN_SECONDS = 3600;
/** About 100 days, renewed by every refresh (Intuit's `x_refresh_token_expires_in`). */
export const REFRESH_TOKEN_SECONDS = 8_726_400;
/** The hard ceiling of a grant since late 2025: about 5 years from consent, never renewed. */
export const HARD_EXPIRY_SECONDS = 5 * 365 * 86_400;
export const CODE_SECONDS = 5 * 60;
export const ID_TOKEN_SECONDS = 3600;

/** Ties every token of one consent together, so a reused code or a revoked refresh token can end all of them. */
export type GrantLink = { grantId?: string; authTime?: number };

export type StoredCode = AuthorizationCode & {
  codeChallenge?: string | null;
  codeChallengeMethod?: "S256" | "plain" | null;
  authTime?: number;
};

export type StoredRefreshToken = RefreshToken & GrantLink;
export type StoredAccessToken = AccessToken & GrantLink;
