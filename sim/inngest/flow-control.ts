// The flow control Inngest applies before and during runs, per function and per key (a CEL expression over the
// triggering event). Each piece keeps its own small state; the executor decides when to consult which.

/** Throttle: at most `limit` (+`burst`) run starts per `periodMs`; later starts are delayed, never dropped. */
export class Throttle {
  private starts = new Map<string, number[]>();

  /** Reserves the earliest start time at or after `now` and returns it. */
  reserve(key: string, limit: number, periodMs: number, now: number): number {
    const starts = (this.starts.get(key) ?? []).filter((t) => t > now - periodMs);
    const oldest = starts[starts.length - limit];
    const at = oldest !== undefined ? Math.max(now, oldest + periodMs) : now;
    starts.push(at);
    this.starts.set(key, starts);
    return at;
  }
}

/** Rate limit: at most `limit` runs per `periodMs`; the rest are skipped (lossy, as on Inngest). */
export class RateLimit {
  private starts = new Map<string, number[]>();

  allow(key: string, limit: number, periodMs: number, now: number): boolean {
    const starts = (this.starts.get(key) ?? []).filter((t) => t > now - periodMs);
    const allowed = starts.length < limit;
    if (allowed) starts.push(now);
    this.starts.set(key, starts);
    return allowed;
  }
}

/** Idempotency: one run per key per 24 hours. */
export class IdempotencyKeys {
  private seen = new Map<string, number>();
  /** While set, keys claimed are also listed here (the executor stores them with the event that claimed them). */
  claimed: { key: string; until: number }[] | null = null;
  constructor(private readonly ttlMs = 24 * 3_600_000) {}

  /** Keys claimed before (a restarted executor's, from its database). */
  load(keys: { key: string; until: number }[]): void {
    for (const { key, until } of keys) this.seen.set(key, until);
  }

  /** True the first time a key is claimed within the TTL. */
  claim(key: string, now: number): boolean {
    const until = this.seen.get(key);
    if (until !== undefined && until > now) return false;
    this.seen.set(key, now + this.ttlMs);
    this.claimed?.push({ key, until: now + this.ttlMs });
    if (this.seen.size > 100_000) for (const [k, v] of this.seen) if (v <= now) this.seen.delete(k);
    return true;
  }
}

/** Concurrency: how many steps run at once per (scope, key). A request holds its slots while it runs. */
export class ConcurrencySlots {
  private active = new Map<string, number>();

  canTake(keys: { slot: string; limit: number }[]): boolean {
    return keys.every(({ slot, limit }) => limit === 0 || (this.active.get(slot) ?? 0) < limit);
  }

  take(keys: { slot: string; limit: number }[]): void {
    for (const { slot } of keys) this.active.set(slot, (this.active.get(slot) ?? 0) + 1);
  }

  release(keys: { slot: string; limit: number }[]): void {
    for (const { slot } of keys) {
      const n = (this.active.get(slot) ?? 1) - 1;
      if (n <= 0) this.active.delete(slot);
      else this.active.set(slot, n);
    }
  }
}

type Timer = ReturnType<typeof setTimeout>;

/** Event batching: events collect per key until `maxSize` or `timeoutMs` after the first, then one run gets them all. */
export class Batcher<E> {
  private buffers = new Map<string, { events: E[]; timer: Timer }>();
  constructor(private readonly flush: (key: string, events: E[]) => void) {}

  add(key: string, event: E, maxSize: number, timeoutMs: number): void {
    let buffer = this.buffers.get(key);
    if (!buffer) {
      buffer = { events: [], timer: setTimeout(() => this.flushKey(key), timeoutMs) };
      this.buffers.set(key, buffer);
    }
    buffer.events.push(event);
    if (buffer.events.length >= maxSize) this.flushKey(key);
  }

  get pending(): number {
    let n = 0;
    for (const b of this.buffers.values()) n += b.events.length;
    return n;
  }

  private flushKey(key: string): void {
    const buffer = this.buffers.get(key);
    if (!buffer) return;
    clearTimeout(buffer.timer);
    this.buffers.delete(key);
    this.flush(key, buffer.events);
  }

  stop(): void {
    for (const b of this.buffers.values()) clearTimeout(b.timer);
    this.buffers.clear();
  }
}

/** Debounce: a run starts `periodMs` after the last event for a key (or `timeoutMs` after the first), with that last event. */
export class Debouncer<E> {
  private pendingByKey = new Map<string, { event: E; timer: Timer; firstAt: number }>();
  constructor(private readonly fire: (key: string, event: E) => void) {}

  add(key: string, event: E, periodMs: number, timeoutMs: number | undefined, now: number): void {
    const existing = this.pendingByKey.get(key);
    if (existing) clearTimeout(existing.timer);
    const firstAt = existing?.firstAt ?? now;
    const due = timeoutMs === undefined ? now + periodMs : Math.min(now + periodMs, firstAt + timeoutMs);
    const timer = setTimeout(() => {
      this.pendingByKey.delete(key);
      this.fire(key, event);
    }, Math.max(0, due - now));
    this.pendingByKey.set(key, { event, timer, firstAt });
  }

  get pending(): number {
    return this.pendingByKey.size;
  }

  stop(): void {
    for (const p of this.pendingByKey.values()) clearTimeout(p.timer);
    this.pendingByKey.clear();
  }
}
