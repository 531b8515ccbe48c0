import { describe, expect, it } from "vitest";
import { parseDuration, sleepUntil } from "./durations";

describe("durations", () => {
  it("reads Inngest's duration strings, compound ones included", () => {
    expect(parseDuration("1s")).toBe(1_000);
    expect(parseDuration("1m30s")).toBe(90_000);
    expect(parseDuration("2h")).toBe(7_200_000);
    expect(parseDuration("1w1d")).toBe(8 * 86_400_000);
    expect(parseDuration("500ms")).toBe(500);
    expect(parseDuration(250)).toBe(250);
  });

  it("refuses what is not a duration instead of guessing", () => {
    for (const bad of ["", "soon", "5 minutes", "1x", "10s later", -1]) expect(() => parseDuration(bad)).toThrow(RangeError);
  });

  it("wakes a sleep after its duration, and a sleepUntil at its date", () => {
    const now = Date.parse("2026-11-21T10:00:00Z");
    expect(sleepUntil("1m", now)).toBe(Date.parse("2026-11-21T10:01:00Z"));
    expect(sleepUntil("2026-12-01T09:30:00.000Z", now)).toBe(Date.parse("2026-12-01T09:30:00Z"));
    expect(() => sleepUntil("2026-13-45T99:00:00Z", now)).toThrow(RangeError);
  });
});
