import { randomBytes } from "node:crypto";
import { db } from "../db";
import { env } from "../env";

// Sessions are JWT cookies (the demo sign-in needs them), but a cookie alone is not enough: each one names a
// row in the Session table, made at sign-in and deleted at sign-out, and every request checks that the row is
// still there. So signing out ends the session on the server, and a copy of the cookie taken before opens
// nothing after. Roles and memberships are read from the database on every request as well, so a role change
// or a removal from a workspace takes effect on the next request without ending the session.

/** Starts a session for a user who just signed in; the returned id goes into the cookie's token as `sid`. */
export async function startSession(userId: string): Promise<string> {
  const sessionToken = randomBytes(32).toString("base64url");
  // Sessions that ran out are never signed out of; each sign-in sweeps the person's own.
  await db.session.deleteMany({ where: { userId, expires: { lt: new Date() } } });
  await db.session.create({ data: { sessionToken, userId, expires: new Date(Date.now() + env().sessionMaxAgeSeconds * 1000) } });
  return sessionToken;
}

/** Whether the cookie's session is still live on the server: not signed out, not expired, this user's. */
export async function isLiveSession(sid: unknown, userId: unknown): Promise<boolean> {
  if (typeof sid !== "string" || typeof userId !== "string" || sid.length > 200) return false;
  const row = await db.session.findUnique({ where: { sessionToken: sid }, select: { userId: true, expires: true } });
  return row !== null && row.userId === userId && row.expires > new Date();
}

/** Sign-out: the session's row goes, so its cookie (and every copy of it) is refused from now on. */
export async function endSession(sid: unknown): Promise<void> {
  if (typeof sid === "string") await db.session.deleteMany({ where: { sessionToken: sid } });
}

