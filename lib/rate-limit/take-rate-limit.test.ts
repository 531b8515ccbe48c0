import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "../db";
import { AppError } from "../errors/app-error";
import { errorToAnswer } from "../errors/http";
import { takeRateLimit } from "./take-rate-limit";

const rule = { name: "test-limit", limit: 3, windowSeconds: 60, per: "this test" };
const at = (iso: string) => new Date(iso);

async function refusal(promise: Promise<void>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  if (!(error instanceof AppError)) throw new Error("expected a refusal");
  return error;
}

describe("takeRateLimit", () => {
  it("allows the limit in a window, then refuses with 429, Retry-After and a code until the window turns", async () => {
    const subject = randomUUID();
    for (let i = 0; i < 3; i++) await takeRateLimit(rule, subject, at("2026-12-03T10:00:10Z"));
    const error = await refusal(takeRateLimit(rule, subject, at("2026-12-03T10:00:20Z")));
    const answer = errorToAnswer(error);
    expect(answer.status).toBe(429);
    expect(answer.body).toMatchObject({ code: "RATE_LIMITED", details: { limit: "test-limit", retryAfterSeconds: 40 } });
    expect(answer.headers).toEqual({ "retry-after": "40" });
    await takeRateLimit(rule, subject, at("2026-12-03T10:01:00Z"));
  });

  it("counts each subject apart, and in the database, so every process shares the count", async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const when = at("2026-12-03T11:00:00Z");
    await Promise.all([1, 2, 3].map(() => takeRateLimit(rule, a, when)));
    await takeRateLimit(rule, b, when);
    await expect(takeRateLimit(rule, a, when)).rejects.toMatchObject({ code: "RATE_LIMITED" });
    const rows = await db.rateLimitCounter.findMany({ where: { key: { startsWith: "test-limit:" }, windowStart: when } });
    expect(rows.map((r) => r.count).sort()).toEqual([1, 4]);
    // The subject itself (an address, an email) is never stored.
    expect(JSON.stringify(rows)).not.toContain(a);
  });
});
