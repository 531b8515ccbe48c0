// QuickBooks' limits per realm (company): 500 requests a minute, 10 at once, and about 40 batch calls a
// minute. Counted on the sim clock so a faster clock lets a benchmark see many "minutes" quickly.
import type { SimClock } from "./clock";

export type Limits = { requestsPerMinute: number; concurrent: number; batchesPerMinute: number };

export const DEFAULT_LIMITS: Limits = { requestsPerMinute: 500, concurrent: 10, batchesPerMinute: 40 };

const WINDOW_MS = 60_000;

/** A sliding one-minute window of request times. */
class Window {
  private times: number[] = [];
  private head = 0;

  admit(now: number, limit: number): boolean {
    while (this.head < this.times.length && this.times[this.head]! <= now - WINDOW_MS) this.head++;
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
    if (this.times.length - this.head >= limit) return false;
    this.times.push(now);
    return true;
  }
}

export class RealmLimiter {
  private windows = new Map<string, Window>();
  private batchWindows = new Map<string, Window>();
  private inFlight = new Map<string, number>();
  limits: Limits;
  /** Per-realm overrides set through the control API. */
  overrides = new Map<string, Partial<Limits>>();

  constructor(
    private clock: SimClock,
    limits: Partial<Limits> = {},
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  limitsFor(realmId: string): Limits {
    return { ...this.limits, ...this.overrides.get(realmId) };
  }

  /** Admits a request or says it is throttled. An admitted request must be `release`d when answered. */
  acquire(realmId: string, isBatch: boolean): boolean {
    const limits = this.limitsFor(realmId);
    const now = this.clock.now();
    const running = this.inFlight.get(realmId) ?? 0;
    if (running >= limits.concurrent) return false;
    const window = this.windows.get(realmId) ?? this.windows.set(realmId, new Window()).get(realmId)!;
    if (!window.admit(now, limits.requestsPerMinute)) return false;
    if (isBatch) {
      const batches = this.batchWindows.get(realmId) ?? this.batchWindows.set(realmId, new Window()).get(realmId)!;
      if (!batches.admit(now, limits.batchesPerMinute)) return false;
    }
    this.inFlight.set(realmId, running + 1);
    return true;
  }

  release(realmId: string): void {
    this.inFlight.set(realmId, Math.max(0, (this.inFlight.get(realmId) ?? 1) - 1));
  }
}
