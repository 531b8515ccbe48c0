import { NextRequest } from "next/server";
import { env } from "../env";
import { AppError } from "../errors/app-error";
import { errorToResponse } from "../errors/http";
import { clientIp } from "../tenancy/request-meta";
import { limitEmailSignIn } from "./limit-email-sign-in";

// Auth.js's own endpoints (/api/auth/*) answer input they cannot use in their own way: a callbackUrl that is not
// an http(s) address (a NUL, "garbage") is an InvalidCallbackUrl, which it reports as a server configuration
// error with a 500; an unknown action or an unreadable body is a 400 whose body is the bare string "Bad request.".
// This wrapper refuses the first with a 400 before Auth.js sees it, and says the second in our error body.
// Redirects and successful answers, which is all a real sign-in sees, pass untouched.
//
// It also hands Auth.js the request as addressed to APP_URL. With trustHost on, Auth.js takes its base URL from
// the request, whose host the Host and X-Forwarded-Host headers decide; sign-in links, OAuth redirect URIs and
// redirects would then point wherever a request said. Our one public address is APP_URL, so that is the only one.

type AuthHandler<Req extends Request> = (request: Req) => Promise<Response>;
const CALLBACK_COOKIES = ["authjs.callback-url", "__Secure-authjs.callback-url"];

/** The check Auth.js applies (assertConfig's isValidHttpUrl): a path on this site, or an absolute http(s) URL. */
function isHttpUrl(value: string, base: string): boolean {
  try {
    return /^https?:$/.test(new URL(value, value.startsWith("/") ? base : undefined).protocol);
  } catch {
    return false;
  }
}

function cookie(request: Request, name: string): string | null {
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) {
      try {
        return decodeURIComponent(value.join("="));
      } catch {
        return value.join("=");
      }
    }
  }
  return null;
}

function checkCallbackUrl(request: Request): void {
  const url = new URL(request.url);
  const given = [url.searchParams.get("callbackUrl"), ...CALLBACK_COOKIES.map((name) => cookie(request, name))];
  if (given.some((value) => value !== null && !isHttpUrl(value, url.origin))) {
    throw new AppError("BAD_REQUEST", "The callbackUrl is not an address on this site, so sign-in cannot return to it.");
  }
}

async function inOurWords(response: Response): Promise<Response> {
  if (response.status < 400 || response.status >= 500) return response;
  const body = (await response.clone().json().catch(() => null)) as { code?: unknown; message?: unknown } | null;
  if (body && typeof body.code === "string" && typeof body.message === "string") return response;
  return errorToResponse(new AppError(response.status === 405 ? "METHOD_NOT_ALLOWED" : "BAD_REQUEST", "Sign-in could not understand this request: the address or its body is not one it accepts."));
}

const FORWARDED_HEADERS = ["x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "forwarded"];

/** The same request, addressed to APP_URL's origin, with no forwarding headers left to say otherwise. */
export function onAppUrl(request: Request): NextRequest {
  const url = new URL(request.url);
  const app = new URL(env().appUrl);
  const headers = new Headers(request.headers);
  for (const name of FORWARDED_HEADERS) headers.delete(name);
  headers.set("host", app.host);
  const hasBody = request.method !== "GET" && request.method !== "HEAD" && request.body !== null;
  // Node streams a body only with duplex "half", which the DOM's RequestInit type does not name.
  const init = { method: request.method, headers, signal: request.signal, ...(hasBody ? { body: request.body, duplex: "half" } : {}) };
  return new NextRequest(`${app.origin}${url.pathname}${url.search}`, init as ConstructorParameters<typeof NextRequest>[1]);
}

/** A request for an email sign-in link counts against its rate limits (the sign-in action counts its own). */
async function limitSignInLinks(request: Request): Promise<void> {
  if (request.method !== "POST" || !new URL(request.url).pathname.endsWith("/signin/email")) return;
  const form = await request.clone().formData().catch(() => null);
  const email = form?.get("email");
  // Without an email Auth.js refuses the request itself; there is no inbox to protect.
  if (typeof email === "string" && email.trim() !== "") await limitEmailSignIn({ email, ip: clientIp(request) });
}

function guarded<Req extends Request>(handler: AuthHandler<Req>): AuthHandler<Req> {
  return async (request) => {
    try {
      checkCallbackUrl(request);
      await limitSignInLinks(request);
    } catch (error) {
      return errorToResponse(error);
    }
    return inOurWords(await handler(onAppUrl(request) as unknown as Req));
  };
}

/** Auth.js's route handlers, with the input it would answer 500 (or in its own words) refused in ours. */
export function authRoute<Req extends Request>(handlers: { GET: AuthHandler<Req>; POST: AuthHandler<Req> }) {
  return { GET: guarded(handlers.GET), POST: guarded(handlers.POST) };
}
