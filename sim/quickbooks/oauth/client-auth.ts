// Client authentication for the token and revoke endpoints: HTTP Basic (what Intuit documents and
// intuit-oauth sends) or `client_id`/`client_secret` in the body (client_secret_post, listed in discovery).
import { createHash, timingSafeEqual } from "node:crypto";
import type { SimCore } from "../core";
import { header, type SimRequest } from "../http";
import type { App } from "../state";

type Credentials = { clientId: string; clientSecret: string };

/** RFC 6749 2.3.1 says both halves are form-encoded before Basic; intuit-oauth does not encode. Accept both. */
function formDecode(text: string): string | null {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return null;
  }
}

function basicCredentials(req: SimRequest): Credentials[] | null {
  const match = /^Basic\s+(\S+)$/i.exec((header(req, "authorization") ?? "").trim());
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return [];
  const raw = { clientId: decoded.slice(0, colon), clientSecret: decoded.slice(colon + 1) };
  const id = formDecode(raw.clientId);
  const secret = formDecode(raw.clientSecret);
  return id !== null && secret !== null ? [raw, { clientId: id, clientSecret: secret }] : [raw];
}

/** Compares secrets in constant time; hashing first makes the lengths equal without revealing them. */
function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(createHash("sha256").update(a).digest(), createHash("sha256").update(b).digest());
}

/** The app that sent the request, or null when its credentials are missing or wrong (answer 401 invalid_client). */
export function authenticateClient(core: SimCore, req: SimRequest, params: { get(name: string): string | null }): App | null {
  const candidates = basicCredentials(req) ?? [];
  const postedId = params.get("client_id");
  const postedSecret = params.get("client_secret");
  if (candidates.length === 0 && postedId !== null && postedSecret !== null) {
    candidates.push({ clientId: postedId, clientSecret: postedSecret });
  }
  for (const { clientId, clientSecret } of candidates) {
    const app = Object.hasOwn(core.state.apps, clientId) ? core.state.apps[clientId] : undefined;
    if (app && sameSecret(app.clientSecret, clientSecret)) return app;
  }
  return null;
}
