// QuickBooks' limits per realm (company) and app (the OAuth client of the access token): 500 requests a
// minute, 10 at once, and about 40 batch calls a minute. Counted on the sim clock so a faster clock lets a
// benchmark see many "minutes" quickly. The monthly read cap (`readsPerMonth`) is metered in usage.ts.
import type { SimClock } from "./clock";

export type Limits = {
  requestsPerMinute: number;
  concurrent: number;
  batchesPerMinute: number;
  /** Read ("CorePlus") calls an app may make in a calendar month; unset: unlimited. */
  readsPerMonth?: number;
};

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
  /** Per-app overrides (by client id); a realm's own override wins over them. */
  appOverrides = new Map<string, Partial<Limits>>();

  constructor(
    private clock: SimClock,
    limits: Partial<Limits> = {},
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  limitsFor(realmId: string, clientId?: string): Limits {
    return { ...this.limits, ...(clientId ? this.appOverrides.get(clientId) : undefined), ...this.overrides.get(realmId) };
  }

  /**
   * Admits a request or says it is throttled. Windows and the concurrency count are per realm and app: a
   * second app connected to the same company has its own. An admitted request must be `release`d.
   */
  acquire(realmId: string, isBatch: boolean, clientId = ""): boolean {
    const limits = this.limitsFor(realmId, clientId);
    const key = `${realmId}\n${clientId}`;
    const now = this.clock.now();
    const running = this.inFlight.get(key) ?? 0;
    if (running >= limits.concurrent) return false;
    const window = this.windows.get(key) ?? this.windows.set(key, new Window()).get(key)!;
    if (!window.admit(now, limits.requestsPerMinute)) return false;
    if (isBatch) {
      const batches = this.batchWindows.get(key) ?? this.batchWindows.set(key, new Window()).get(key)!;
      if (!batches.admit(now, limits.batchesPerMinute)) return false;
    }
    this.inFlight.set(key, running + 1);
    return true;
  }

  release(realmId: string, clientId = ""): void {
    const key = `${realmId}\n${clientId}`;
    this.inFlight.set(key, Math.max(0, (this.inFlight.get(key) ?? 1) - 1));
  }
}
