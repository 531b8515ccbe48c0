import { getToken } from "next-auth/jwt";
import { db } from "../db";
import { authSecret } from "./secret";
import { isLiveSession } from "./sessions";
import { secureCookies, sessionCookieName } from "./session-cookie";

export type SessionUser = { id: string; email: string; name: string | null };

/**
 * The signed-in user of a request, from its encrypted session cookie, or null. Reads the request itself rather
 * than Next's ambient headers, so route handlers can be exercised directly in tests with a real cookie.
 * The user is looked up so a deleted user's leftover cookie opens nothing, and the session's row so a signed-out
 * session's cookie opens nothing either (lib/auth/sessions.ts).
 */
export async function getSessionUser(request: Request): Promise<SessionUser | null> {
  const token = await getToken({
    req: request,
    secret: authSecret(),
    secureCookie: secureCookies(),
    salt: sessionCookieName(),
    cookieName: sessionCookieName(),
  });
  if (!token || typeof token.uid !== "string") return null;
  if (!(await isLiveSession(token.sid, token.uid))) return null;
  return db.user.findUnique({ where: { id: token.uid }, select: { id: true, email: true, name: true } });
}
