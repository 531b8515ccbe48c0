import type { SimCore } from "../core";
import type { SimAnswer, SimRequest } from "../http";

/** Answers OAuth 2.0 / OpenID Connect paths; null when the path is not one of them. (Being built.) */
export function handleOAuth(_core: SimCore, _req: SimRequest): SimAnswer | Promise<SimAnswer> | null {
  return null;
}

/** Issues tokens for an app and realm without the consent page (POST /_sim/tokens). (Being built.) */
export function issueTokens(_core: SimCore, _input: { clientId: string; realmId: string }): Record<string, unknown> {
  throw new Error("not built yet");
}
