import { createHash } from "node:crypto";
import { db } from "../db";
import { AppError } from "../errors/app-error";
import type { RateLimitRule } from "./rules";

// Counted in PostgreSQL, one upsert per request, so a limit holds across every process of the app and a
// restart does not reset it. The subject is hashed into the key: the table never holds an address or email.

function describe(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

/** The counter row that `subject`'s uses of `rule` at `now` are counted in. */
export function rateLimitWindow(rule: RateLimitRule, subject: string, now: Date = new Date()) {
  const windowMs = rule.windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  return {
    key: `${rule.name}:${createHash("sha256").update(subject).digest("base64url")}`,
    windowStart,
    expiresAt: new Date(windowStart.getTime() + windowMs),
  };
}

/**
 * Counts one use of `rule` by `subject` and throws RATE_LIMITED (429, with the seconds to wait in
 * `details.retryAfterSeconds`, which the error mapper sends as Retry-After) once the window's limit is passed.
 */
export async function takeRateLimit(rule: RateLimitRule, subject: string, now: Date = new Date()): Promise<void> {
  const { key, windowStart, expiresAt } = rateLimitWindow(rule, subject, now);
  const [row] = await db.$queryRaw<{ count: number }[]>`
    INSERT INTO "RateLimitCounter" (key, "windowStart", count, "expiresAt") VALUES (${key}, ${windowStart}, 1, ${expiresAt})
    ON CONFLICT (key, "windowStart") DO UPDATE SET count = "RateLimitCounter".count + 1
    RETURNING count`;
  const count = row?.count ?? 1;
  // A new window: sweep the windows that have run out (any subject's), so the table stays small.
  if (count === 1) await db.$executeRaw`DELETE FROM "RateLimitCounter" WHERE "expiresAt" < ${now}`;
  if (count > rule.limit) {
    const retryAfterSeconds = Math.max(1, Math.ceil((expiresAt.getTime() - now.getTime()) / 1000));
    throw new AppError(
      "RATE_LIMITED",
      `Too many requests from ${rule.per}: at most ${rule.limit} every ${describe(rule.windowSeconds)}. Try again in ${describe(retryAfterSeconds)}.`,
      { limit: rule.name, max: rule.limit, windowSeconds: rule.windowSeconds, retryAfterSeconds },
    );
  }
}
