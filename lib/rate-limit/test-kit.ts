import { db } from "../db";
import type { RateLimitRule } from "./rules";
import { rateLimitWindow } from "./take-rate-limit";

/** Tests: uses up `rule` for `subject` in the current window, as that many earlier requests would have. */
export async function useUpRateLimit(rule: RateLimitRule, subject: string): Promise<void> {
  const row = rateLimitWindow(rule, subject);
  await db.rateLimitCounter.upsert({ where: { key_windowStart: { key: row.key, windowStart: row.windowStart } }, create: { ...row, count: rule.limit }, update: { count: rule.limit } });
}
