import { encode } from "next-auth/jwt";
import { authSecret } from "../lib/auth/secret";
import { sessionCookieName } from "../lib/auth/session-cookie";
import { startSession } from "../lib/auth/sessions";

const ORIGIN = "http://localhost:3000";

/** A real Auth.js session cookie for a user (and its server-side session), as the browser would send it. */
export async function sessionCookie(userId: string): Promise<string> {
  const name = sessionCookieName();
  const sid = await startSession(userId);
  const jwt = await encode({ token: { uid: userId, sub: userId, sid }, secret: authSecret(), salt: name, maxAge: 3600 });
  return `${name}=${jwt}`;
}

/** A same-origin request as our own pages make it. */
export async function apiRequest(method: string, path: string, opts: { userId?: string; body?: unknown; origin?: string } = {}): Promise<Request> {
  const headers = new Headers({ host: "localhost:3000", origin: opts.origin ?? ORIGIN });
  if (opts.userId) headers.set("cookie", await sessionCookie(opts.userId));
  if (opts.body !== undefined) headers.set("content-type", "application/json");
  return new Request(`${ORIGIN}${path}`, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
}

export function routeParams<P>(params: P): { params: Promise<P> } {
  return { params: Promise.resolve(params) };
}
