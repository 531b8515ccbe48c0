import { env } from "../env";

// Auth.js and our request-level session check must agree on the cookie: secure (and `__Secure-` prefixed)
// whenever the app is served over HTTPS.
export function secureCookies(): boolean {
  return env().appUrl.startsWith("https://");
}

export function sessionCookieName(): string {
  return secureCookies() ? "__Secure-authjs.session-token" : "authjs.session-token";
}
