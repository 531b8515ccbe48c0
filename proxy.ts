import { NextResponse, type NextRequest } from "next/server";
import { SESSION_COOKIE_NAMES } from "./lib/auth/session-cookie";
import { env } from "./lib/env";
import { buildCsp } from "./lib/security/csp";
import { refuseUnreadablePageWrite } from "./lib/security/page-writes";
import { isPublicPath } from "./lib/security/public-paths";

// Runs before every request: a fresh CSP nonce, and the session gate. The gate only checks that a session
// cookie is present (cheap, no database); pages and handlers then verify the session and the membership.

// Sign-in and Connect post a form that redirects to the identity provider's authorize page; CSP checks
// form-action on that redirect too, so the provider's origins must be allowed.
function formTargets(): string[] {
  const e = env();
  const targets = new Set(["https://appcenter.intuit.com"]);
  for (const url of [e.intuitOidc?.issuer, e.intuitOidc?.discoveryUrl, e.qboSimUrl]) {
    if (url) targets.add(new URL(url).origin);
  }
  return [...targets];
}

export async function proxy(request: NextRequest): Promise<NextResponse> {
  const { pathname, search } = request.nextUrl;
  const refused = await refuseUnreadablePageWrite(request, pathname);
  if (refused) return NextResponse.json(refused.body, { status: refused.status });
  const signedIn = Object.values(SESSION_COOKIE_NAMES).some((name) => request.cookies.has(name));

  if (!signedIn && !isPublicPath(pathname)) {
    if (pathname.startsWith("/api/")) {
      return NextResponse.json({ code: "UNAUTHENTICATED", message: "Sign in to continue." }, { status: 401 });
    }
    const signIn = new URL("/sign-in", request.url);
    signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
    return NextResponse.redirect(signIn);
  }

  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = buildCsp({ nonce, dev: process.env.NODE_ENV !== "production", formTargets: formTargets() });
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  // Remember the workspace last opened, so the next sign-in lands there (/app reads it).
  const workspace = /^\/w\/([a-z0-9-]{3,40})(?:\/|$)/.exec(pathname)?.[1];
  if (workspace && workspace !== "new") {
    response.cookies.set("lw_workspace", workspace, { httpOnly: true, sameSite: "lax", path: "/", maxAge: 60 * 60 * 24 * 365 });
  }
  return response;
}

export const config = {
  // Static files need neither a nonce nor a session. Neither do webhooks and the events API: they authenticate
  // each request themselves (signatures, API keys) and answer JSON, which a CSP does not protect. Skipping this
  // step is the lean path that lets ingest keep up with the framework's own ceiling (docs/BENCHMARKS.md).
  matcher: [{ source: "/((?!_next/|favicon.ico|icon.svg|api/webhooks/|api/v1/).*)" }],
};
