// An in-memory recorder the conformance functions write to, so a test in the same process can assert on what
// happened in a run: which functions ran, on which attempt, when, with what data, and how many runs overlapped.

/** One thing a function recorded. */
export interface ProbeHit {
  /** `Date.now()` when it was recorded. */
  at: number;
  /** The handler's `attempt` (0 on the first try). */
  attempt: number;
  /** The handler's `runId`. */
  runId: string;
  data: unknown;
}

/** The part of a handler's context the probe reads. */
export interface ProbeContext {
  attempt: number;
  runId: string;
}

export class Probe {
  private readonly byFn = new Map<string, ProbeHit[]>();
  private readonly current = new Map<string, number>();
  private readonly highest = new Map<string, number>();

  /** Records a hit for `fnId` and returns it. */
  record(fnId: string, ctx: ProbeContext, data?: unknown): ProbeHit {
    const hit: ProbeHit = { at: Date.now(), attempt: ctx.attempt, runId: ctx.runId, data };
    const list = this.byFn.get(fnId) ?? [];
    list.push(hit);
    this.byFn.set(fnId, list);
    return hit;
  }

  /** The hits recorded for `fnId`, oldest first (a copy). */
  hits(fnId: string): ProbeHit[] {
    return [...(this.byFn.get(fnId) ?? [])];
  }

  /** Marks one more holder of `key` as active. */
  enter(key: string): void {
    const now = (this.current.get(key) ?? 0) + 1;
    this.current.set(key, now);
    this.highest.set(key, Math.max(now, this.highest.get(key) ?? 0));
  }

  /** Marks one holder of `key` as finished; leaving more often than entering is a bug in the caller. */
  leave(key: string): void {
    const now = this.current.get(key) ?? 0;
    if (now <= 0) throw new Error(`probe.leave("${key}") without a matching enter`);
    this.current.set(key, now - 1);
  }

  /** How many holders of `key` are active now. */
  active(key: string): number {
    return this.current.get(key) ?? 0;
  }

  /** The most holders of `key` that were ever active at once. */
  maxActive(key: string): number {
    return this.highest.get(key) ?? 0;
  }

  /** Forgets everything. */
  reset(): void {
    this.byFn.clear();
    this.current.clear();
    this.highest.clear();
  }
}
