// The OpenID discovery document and the JWKS. Intuit publishes discovery on developer.intuit.com under two
// spellings (node-quickbooks uses the underscore one with a trailing slash); the simulator answers all of
// them, plus `<issuer path>/.well-known/openid-configuration` for clients that derive it from the issuer.
import type { SimCore } from "../core";
import { json, type SimAnswer, type SimRequest } from "../http";
import { methodNotAllowed } from "./answers";
import { jwks } from "./keys";
import { PATHS } from "./records";

const DISCOVERY_PATHS = new Set([
  "/.well-known/openid-configuration",
  "/.well-known/openid-sandbox-configuration",
  "/.well-known/openid_configuration",
  "/.well-known/openid_sandbox_configuration",
  "/op/v1/.well-known/openid-configuration",
]);

export function isDiscoveryPath(path: string): boolean {
  return DISCOVERY_PATHS.has(path);
}

export function discoveryDocument(core: SimCore): Record<string, unknown> {
  const base = core.baseUrl();
  return {
    issuer: core.issuer,
    authorization_endpoint: `${base}${PATHS.authorize}`,
    token_endpoint: `${base}${PATHS.token}`,
    userinfo_endpoint: `${base}${PATHS.userinfo}`,
    revocation_endpoint: `${base}${PATHS.revoke}`,
    jwks_uri: `${base}${PATHS.jwks}`,
    response_types_supported: ["code"],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: ["RS256"],
    scopes_supported: ["openid", "email", "profile", "address", "phone"],
    token_endpoint_auth_methods_supported: ["client_secret_post", "client_secret_basic"],
    claims_supported: ["aud", "exp", "iat", "iss", "realmid", "sub"],
  };
}

export function handleDiscovery(core: SimCore, req: SimRequest): SimAnswer {
  if (req.method !== "GET" && req.method !== "HEAD") return methodNotAllowed(["GET"]);
  return json(200, discoveryDocument(core));
}

export function handleJwks(core: SimCore, req: SimRequest): SimAnswer {
  if (req.method !== "GET" && req.method !== "HEAD") return methodNotAllowed(["GET"]);
  return json(200, jwks(core));
}
