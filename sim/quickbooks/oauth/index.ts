// OAuth 2.0 / OpenID Connect on Intuit's paths: discovery, JWKS, the consent page, the token, revoke and
// userinfo endpoints. `issueTokens` is the shortcut for tests and the control API that skips the consent page.
import type { SimCore } from "../core";
import type { SimAnswer, SimRequest } from "../http";
import { handleConsent } from "./consent";
import { handleDiscovery, handleJwks, isDiscoveryPath } from "./discovery";
import { issueTokenPair, newGrantId } from "./grants";
import { HARD_EXPIRY_SECONDS, PATHS } from "./records";
import { handleRevoke } from "./revoke";
import { ACCOUNTING_SCOPE } from "./scopes";
import { handleToken } from "./token-endpoint";
import { handleUserInfo } from "./userinfo";
import { DEFAULT_EMAIL, linkRealm, userForEmail } from "./users";

/** Answers OAuth 2.0 / OpenID Connect paths; null when the path is not one of them. */
export function handleOAuth(core: SimCore, req: SimRequest): SimAnswer | Promise<SimAnswer> | null {
  // Trailing slashes are Intuit-tolerated on discovery (node-quickbooks sends one); accept them everywhere.
  const path = req.url.pathname.length > 1 ? req.url.pathname.replace(/\/+$/, "") : req.url.pathname;
  if (isDiscoveryPath(path)) return handleDiscovery(core, req);
  switch (path) {
    case PATHS.jwks:
      return handleJwks(core, req);
    case PATHS.authorize:
      return handleConsent(core, req);
    case PATHS.token:
      return handleToken(core, req);
    case PATHS.revoke:
      return handleRevoke(core, req);
    case PATHS.userinfo:
      return handleUserInfo(core, req);
    default:
      return null;
  }
}

/**
 * Issues tokens for an app and realm without the consent page (POST /_sim/tokens): the same body as the
 * token endpoint for a grant of the accounting scope, made by the demo user.
 */
export function issueTokens(core: SimCore, input: { clientId: string; realmId: string }): Record<string, unknown> {
  if (!core.state.apps[input.clientId]) throw new Error(`No app with client id ${input.clientId}`);
  if (!core.state.realms[input.realmId]) throw new Error(`No company with realm id ${input.realmId}`);
  const user = userForEmail(core, DEFAULT_EMAIL);
  linkRealm(user, input.realmId);
  const now = core.clock.now();
  const grant = {
    grantId: newGrantId(),
    clientId: input.clientId,
    realmId: input.realmId,
    sub: user.sub,
    scope: [ACCOUNTING_SCOPE],
    authTime: now,
    hardExpiresAt: now + HARD_EXPIRY_SECONDS * 1000,
  };
  return issueTokenPair(core, grant, { includeHardExpiry: false });
}
