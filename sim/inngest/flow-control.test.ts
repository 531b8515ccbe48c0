import { describe, expect, it } from "vitest";
import { Throttle } from "./flow-control";

// The throttle's decisions on a given clock: which starts go at once and which wait, and until when. The
// executor's conformance suite checks the same behaviour end to end, where only lower bounds on time are safe.

describe("Throttle", () => {
  it("starts the first `limit` at once and delays the rest to the next period, dropping none", () => {
    const throttle = new Throttle();
    const starts = Array.from({ length: 12 }, () => throttle.reserve("fn", 5, 1_000, 10_000));
    expect(starts).toEqual([10_000, 10_000, 10_000, 10_000, 10_000, 11_000, 11_000, 11_000, 11_000, 11_000, 12_000, 12_000]);
  });

  it("frees a slot once its start is a period old, and keeps keys apart", () => {
    const throttle = new Throttle();
    expect([0, 100, 200].map((now) => throttle.reserve("a", 2, 1_000, now))).toEqual([0, 100, 1_000]);
    expect(throttle.reserve("a", 2, 1_000, 1_150)).toBe(1_150);
    expect(throttle.reserve("b", 2, 1_000, 200)).toBe(200);
  });
});
