import { env } from "../env";

// Auth.js and our request-level session check must agree on the cookie: secure (and `__Secure-` prefixed)
// whenever the app is served over HTTPS.
export function secureCookies(): boolean {
  return env().appUrl.startsWith("https://");
}

/** Auth.js's session cookie, plain and `__Secure-` prefixed. */
export const SESSION_COOKIE_NAMES = { plain: "authjs.session-token", secure: "__Secure-authjs.session-token" } as const;

export function sessionCookieName(): string {
  return secureCookies() ? SESSION_COOKIE_NAMES.secure : SESSION_COOKIE_NAMES.plain;
}
