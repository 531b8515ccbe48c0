import { afterEach, describe, expect, it, vi } from "vitest";
import { SimClock, formatQboTime, qboDate } from "./clock";

let clock: SimClock;
afterEach(() => clock?.dispose());

describe("SimClock", () => {
  it("runs faster when asked and jumps forward, firing timers that came due", async () => {
    clock = new SimClock({ now: Date.parse("2026-01-01T00:00:00Z"), speed: 1000 });
    const start = clock.now();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(clock.now() - start).toBeGreaterThanOrEqual(40_000);

    clock.set({ speed: 1 });
    const fired: string[] = [];
    clock.after(10 * 60_000, () => fired.push("ten minutes"));
    clock.after(60 * 60_000, () => fired.push("an hour"));
    clock.advance(11 * 60_000);
    expect(fired).toEqual(["ten minutes"]);
    clock.advance(50 * 60_000);
    expect(fired).toEqual(["ten minutes", "an hour"]);
  });

  // On a fake wall clock: a busy machine may run a timer late, so real elapsed time says nothing about the
  // scaling, whereas when the clock asks to be woken does.
  it("fires a timer in real time scaled by the speed", () => {
    vi.useFakeTimers({ now: Date.parse("2026-01-01T00:00:00Z") });
    try {
      clock = new SimClock({ speed: 100 });
      const fired: number[] = [];
      clock.after(5_000, () => fired.push(clock.now()));
      vi.advanceTimersByTime(49);
      expect(fired).toEqual([]);
      vi.advanceTimersByTime(1); // 5 s of sim time at 100x is 50 ms of real time
      expect(fired).toEqual([Date.parse("2026-01-01T00:00:05Z")]);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("QuickBooks time formats", () => {
  it("prints MetaData times and response times in the company's offset like QuickBooks", () => {
    const ms = Date.parse("2017-03-14T18:24:36.246Z");
    expect(formatQboTime(ms, -420)).toBe("2017-03-14T11:24:36-07:00");
    expect(formatQboTime(ms, -420, true)).toBe("2017-03-14T11:24:36.246-07:00");
    expect(formatQboTime(ms, 330)).toBe("2017-03-14T23:54:36+05:30");
    expect(qboDate(Date.parse("2026-01-01T05:00:00Z"), -480)).toBe("2025-12-31");
  });
});
