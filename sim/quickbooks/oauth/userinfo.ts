// GET /v1/openid_connect/userinfo: the signed-in user's profile for an access token granted with `openid`.
// Keys follow Intuit's (camelCase `emailVerified`, `givenName`, ...), each group only when its scope was
// granted. Phone and address are invented but stable per user (555-01xx numbers are reserved as fictional).
import { createHash } from "node:crypto";
import type { SimCore } from "../core";
import { header, json, type SimAnswer, type SimRequest } from "../http";
import type { SimUser } from "../state";
import { methodNotAllowed } from "./answers";
import { hasOpenId } from "./scopes";

function bearerError(status: number, error: string): SimAnswer {
  return json(status, { error }, { "www-authenticate": `Bearer error="${error}"` });
}

function phoneOf(sub: string): string {
  const n = createHash("sha256").update(sub).digest().readUInt16BE(0) % 100;
  return `+1555555${String(100 + n).padStart(4, "0")}`;
}

function claims(user: SimUser | undefined, sub: string, scope: string[]): Record<string, unknown> {
  const body: Record<string, unknown> = { sub };
  if (!user) return body;
  if (scope.includes("email")) Object.assign(body, { email: user.email, emailVerified: true });
  if (scope.includes("profile")) Object.assign(body, { givenName: user.givenName, familyName: user.familyName });
  if (scope.includes("phone")) Object.assign(body, { phoneNumber: phoneOf(user.sub), phoneNumberVerified: true });
  if (scope.includes("address")) {
    body.address = { streetAddress: "100 Sandbox Way", locality: "Mountain View", region: "CA", postalCode: "94043", country: "US" };
  }
  return body;
}

export function handleUserInfo(core: SimCore, req: SimRequest): SimAnswer {
  if (req.method !== "GET" && req.method !== "POST") return methodNotAllowed(["GET", "POST"]);
  const match = /^Bearer\s+(\S+)$/i.exec((header(req, "authorization") ?? "").trim());
  if (!match) return bearerError(401, "invalid_token");
  const token = Object.hasOwn(core.state.accessTokens, match[1]!) ? core.state.accessTokens[match[1]!] : undefined;
  if (!token || token.revoked || token.expiresAt <= core.clock.now()) return bearerError(401, "invalid_token");
  if (!hasOpenId(token.scope)) return bearerError(403, "insufficient_scope");
  const user = Object.hasOwn(core.state.users, token.sub) ? core.state.users[token.sub] : undefined;
  return json(200, claims(user, token.sub, token.scope));
}
