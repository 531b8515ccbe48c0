// Bearer-token checks for the REST API: 401 in QuickBooks' lower-case envelope with `WWW-Authenticate`
// for missing, unknown, revoked or expired tokens; 403 for a token granted for another company.
import type { SimCore } from "../core";
import { header, type SimAnswer, type SimRequest } from "../http";
import type { AccessToken } from "../state";
import { authenticationFailureBody, authorizationFailureBody } from "./faults";

const WWW_AUTHENTICATE = 'Bearer realm="Intuit", error="invalid_token"';

function unauthorized(core: SimCore, detail: string): SimAnswer {
  return {
    status: 401,
    headers: { "content-type": "application/json;charset=UTF-8", "www-authenticate": WWW_AUTHENTICATE },
    body: authenticationFailureBody(detail, core.clock.now()),
  };
}

export function authorize(core: SimCore, req: SimRequest, realmId: string): { token: AccessToken } | { answer: SimAnswer } {
  const value = header(req, "authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(value.trim());
  if (!match) return { answer: unauthorized(core, "Authorization header missing or not a bearer token") };
  const token = core.state.accessTokens[match[1]!];
  if (!token || token.revoked) return { answer: unauthorized(core, "Token revocation or invalid token: the access token is not valid") };
  if (token.expiresAt <= core.clock.now()) return { answer: unauthorized(core, "Token expired: the access token has expired, refresh it") };
  if (token.realmId !== realmId || !core.state.realms[realmId]) {
    return { answer: { status: 403, headers: { "content-type": "application/json;charset=UTF-8" }, body: authorizationFailureBody(core.clock.now()) } };
  }
  return { token };
}
