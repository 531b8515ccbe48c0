// Paths that answer without a session. Everything else needs one: pages redirect to sign-in, APIs answer 401.
// Webhooks and the events API authenticate themselves (signatures, API keys) and are listed for that reason.
// The QuickBooks callback checks the session itself, so an expired one leads to sign-in and back, not a 401.
// /api/inngest is called by Inngest, which signs each request (INNGEST_SIGNING_KEY; the SDK verifies it).
const PUBLIC_EXACT = new Set([
  "/",
  "/sign-in",
  "/sign-in/check-email",
  "/api/health",
  "/dev/mailbox",
  "/favicon.ico",
  "/api/qbo/callback",
  "/api/inngest",
  "/docs/api",
]);
const PUBLIC_PREFIXES = ["/api/auth/", "/invite/", "/api/webhooks/", "/api/v1/", "/_next/"];

export function isPublicPath(pathname: string): boolean {
  return PUBLIC_EXACT.has(pathname) || PUBLIC_PREFIXES.some((prefix) => pathname.startsWith(prefix));
}
