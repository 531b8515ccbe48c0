// POST /v2/oauth2/tokens/revoke: intuit-oauth sends `{"token": "..."}` as JSON with Basic auth; form bodies
// work too. A refresh token ends its whole grant (the app is disconnected); an access token ends itself.
// Like Intuit (and RFC 7009), an unknown or foreign token still gets 200 with an empty body.
import type { SimCore } from "../core";
import { formBody, header, type SimAnswer, type SimRequest } from "../http";
import { invalidClient, methodNotAllowed, oauthError } from "./answers";
import { authenticateClient } from "./client-auth";
import { revokeGrant } from "./grants";
import type { StoredRefreshToken } from "./records";

/** Reads the body as JSON when it says so (or looks like it), else as a form, into one lookup. */
function revokeParams(req: SimRequest): { get(name: string): string | null } {
  const text = req.body.toString("utf8");
  const contentType = header(req, "content-type") ?? "";
  if (contentType.includes("json") || text.trimStart().startsWith("{")) {
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON after all: nothing to read (answered as a missing token).
    }
    const record = parsed !== null && typeof parsed === "object" ? (parsed as Record<string, unknown>) : {};
    return { get: (name) => (typeof record[name] === "string" ? record[name] : null) };
  }
  return formBody(req);
}

export function handleRevoke(core: SimCore, req: SimRequest): SimAnswer {
  if (req.method !== "POST") return methodNotAllowed(["POST"]);
  const params = revokeParams(req);
  const app = authenticateClient(core, req, params);
  if (!app) return invalidClient();
  const token = params.get("token");
  if (!token) return oauthError(400, "invalid_request", "token is required");

  const refresh: StoredRefreshToken | undefined = Object.hasOwn(core.state.refreshTokens, token) ? core.state.refreshTokens[token] : undefined;
  if (refresh && refresh.clientId === app.clientId) revokeGrant(core, refresh.grantId ?? refresh.token);
  const access = Object.hasOwn(core.state.accessTokens, token) ? core.state.accessTokens[token] : undefined;
  if (access && access.clientId === app.clientId) access.revoked = true;
  return { status: 200, headers: { "cache-control": "no-cache, no-store" }, body: "" };
}
