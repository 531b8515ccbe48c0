import { AppError } from "../errors/app-error";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

// CSRF protection for cookie-authenticated writes: browsers always send Origin on cross-site and same-site
// POST/PATCH/DELETE, so a write whose Origin is not this server's own is refused. (Auth.js protects its own
// endpoints with its CSRF token; API-key requests carry no cookie and are not subject to this.)
export function assertSameOrigin(request: Request): void {
  if (SAFE_METHODS.has(request.method)) return;
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  // `Origin: null` (sandboxed frames, file: pages) and anything else that is not a URL names no site: refused
  // like a foreign one, rather than failing in new URL() as a 500.
  if (!origin || !host || !URL.canParse(origin) || new URL(origin).host !== host) {
    throw new AppError("FORBIDDEN", "This request did not come from Ledgerwire's own pages, so it was refused.", { reason: "CSRF" });
  }
}
