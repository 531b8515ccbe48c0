import { latestOccurrence, parseCron, type CronSchedule } from "./cron";
import { evaluateCondition, evaluateKey } from "./expressions";
import { Batcher, Debouncer, IdempotencyKeys, RateLimit } from "./flow-control";
import { nameMatches } from "./protocol";
import { registerBodySchema, toFunctionDef, type FunctionDef } from "./registration";
import { Runner, type Op } from "./runner";
import type { InngestEvent, Run, RunView } from "./runs";

// The executor: takes events, applies the flow control that decides whether and when a run starts (rate limit,
// idempotency, debounce, batching), fires cron triggers, and hands runs to the Runner (runner.ts), which drives
// them through the app's serve handler. A development stand-in for Inngest's own server, kept in memory.

export type ExecutorOptions = {
  /** Exponential retry backoff: base × 2^attempt, capped, ±20 % jitter. Inngest's own is slower; 1 s keeps dev snappy. */
  backoff?: { baseMs?: number; maxMs?: number };
  /** How long one call to the serve handler may take before it counts as a failed attempt. */
  requestTimeoutMs?: number;
  /** Finished runs kept for the status page and API. */
  keepRuns?: number;
  /**
   * Let the SDK checkpoint (default): it runs consecutive steps in one request and reports each one, as with
   * Inngest Cloud. Off, every step is its own request that replays the steps before it (the older protocol).
   */
  checkpointing?: boolean;
  fetch?: typeof fetch;
  log?: (message: string) => void;
};

const CRON_EVENT = "inngest/scheduled.timer";
const EVENT_ID_TTL_MS = 24 * 3_600_000;

export class Executor {
  readonly functions = new Map<string, FunctionDef>();
  readonly apps = new Map<string, { appName: string; url: string; syncedAt: number }>();
  /** Counters for the status page and benchmarks; httpMs is the time spent waiting on the app's answers. */
  readonly stats = { requests: 0, events: 0, duplicateEvents: 0, skippedRuns: 0, httpMs: 0 };

  private eventIds = new Map<string, number>();
  private crons: CronSchedule[] = [];
  private lastTick = Date.now();
  private listeners = new Set<() => void>();
  private rateLimit = new RateLimit();
  private idempotency = new IdempotencyKeys();
  private batcher = new Batcher<{ fn: FunctionDef; event: InngestEvent }>((_key, items) => {
    const first = items[0];
    if (first) this.runner.startRun(first.fn, items.map((i) => i.event));
  });
  private debouncer = new Debouncer<{ fn: FunctionDef; event: InngestEvent }>((_key, item) => this.runner.startRun(item.fn, [item.event]));
  private readonly runner: Runner;
  private readonly log: (message: string) => void;

  constructor(options: ExecutorOptions = {}) {
    this.log = options.log ?? (() => {});
    this.runner = new Runner({
      fetch: options.fetch ?? fetch,
      backoffBaseMs: options.backoff?.baseMs ?? 1_000,
      backoffMaxMs: options.backoff?.maxMs ?? 60_000,
      requestTimeoutMs: options.requestTimeoutMs ?? 5 * 60_000,
      keepRuns: options.keepRuns ?? 10_000,
      checkpointing: options.checkpointing ?? true,
      stats: this.stats,
      functions: this.functions,
      emit: (events) => this.send(events),
      changed: () => this.changed(),
    });
  }

  /** See ExecutorOptions.checkpointing; benchmarks switch it between runs. */
  get checkpointing(): boolean {
    return this.runner.checkpointing;
  }

  set checkpointing(on: boolean) {
    this.runner.checkpointing = on;
  }

  // --- registration -------------------------------------------------------------------------------------------

  /** Applies a serve handler's sync (`POST /fn/register`): the app's functions replace its previous ones. */
  register(body: unknown): { functions: number } {
    const parsed = registerBodySchema.parse(body);
    const defs = parsed.functions.map((f) => toFunctionDef(parsed.appName, f));
    for (const [id, fn] of this.functions) if (fn.appName === parsed.appName) this.functions.delete(id);
    for (const def of defs) this.functions.set(def.id, def);
    this.apps.set(parsed.appName, { appName: parsed.appName, url: parsed.url, syncedAt: Date.now() });
    this.crons = [...this.functions.values()].flatMap((fn) => fn.crons.map((c) => parseCron(fn.id, c)));
    this.log(`synced app ${parsed.appName}: ${defs.length} functions`);
    this.changed();
    return { functions: defs.length };
  }

  // --- events -------------------------------------------------------------------------------------------------

  /** Accepts events as the event API does; an id seen in the last 24 hours is acknowledged but triggers nothing. */
  send(events: InngestEvent[]): string[] {
    const now = Date.now();
    const ids: string[] = [];
    for (const event of events) {
      ids.push(event.id);
      const seenUntil = this.eventIds.get(event.id);
      if (seenUntil !== undefined && seenUntil > now) {
        this.stats.duplicateEvents++;
        continue;
      }
      this.eventIds.set(event.id, now + EVENT_ID_TTL_MS);
      this.stats.events++;
      this.route(event);
    }
    if (this.eventIds.size > 200_000) for (const [id, until] of this.eventIds) if (until <= now) this.eventIds.delete(id);
    return ids;
  }

  private route(event: InngestEvent): void {
    this.runner.deliver(event);
    for (const fn of this.functions.values()) this.runner.cancelMatching(fn, event);
    for (const fn of this.functions.values()) {
      const triggered = fn.events.some(
        (t) => nameMatches(t.event, event.name) && (!t.expression || evaluateCondition(t.expression, { event })),
      );
      if (triggered) this.admit(fn, event);
    }
  }

  /** Flow control before a run exists: rate limit, idempotency, debounce, batching, then a (throttled) start. */
  private admit(fn: FunctionDef, event: InngestEvent): void {
    const now = Date.now();
    const key = (expression?: string) => `${fn.id}:${expression ? evaluateKey(expression, { event }) : ""}`;
    if (fn.rateLimit && !this.rateLimit.allow(key(fn.rateLimit.key), fn.rateLimit.limit, fn.rateLimit.periodMs, now)) {
      this.stats.skippedRuns++;
      return;
    }
    if (fn.idempotency && !this.idempotency.claim(key(fn.idempotency), now)) {
      this.stats.skippedRuns++;
      return;
    }
    if (fn.debounce) {
      this.debouncer.add(key(fn.debounce.key), { fn, event }, fn.debounce.periodMs, fn.debounce.timeoutMs, now);
      return;
    }
    if (fn.batch && (!fn.batch.if || evaluateCondition(fn.batch.if, { event }))) {
      this.batcher.add(key(fn.batch.key), { fn, event }, fn.batch.maxSize, fn.batch.timeoutMs);
      return;
    }
    this.runner.startRun(fn, [event]);
  }

  // --- cron ---------------------------------------------------------------------------------------------------

  /** Fires every cron occurrence in (last tick, `at`]. The server calls this each second; tests call it directly. */
  tick(at = Date.now()): number {
    if (at <= this.lastTick) return 0;
    let fired = 0;
    for (const schedule of this.crons) {
      const fn = this.functions.get(schedule.functionId);
      if (!fn) continue;
      // Normally (lastTick, at] spans a second and holds at most one time. After a gap (the machine slept) only
      // the latest missed time fires, once: a burst of stale runs helps no one.
      const when = latestOccurrence(schedule, this.lastTick, at);
      if (when) {
        const id = `cron:${fn.id}:${schedule.expression}:${when.toISOString()}`;
        if (this.eventIds.has(id)) continue;
        this.eventIds.set(id, Date.now() + EVENT_ID_TTL_MS);
        this.admit(fn, { id, name: CRON_EVENT, data: { cron: schedule.expression }, ts: when.getTime() });
        fired++;
      }
    }
    this.lastTick = at;
    return fired;
  }

  // --- runs ---------------------------------------------------------------------------------------------------

  listRuns(filter: { functionId?: string; status?: string; limit?: number } = {}): RunView[] {
    return this.runner.listRuns(filter);
  }

  getRun(id: string): ReturnType<Runner["getRun"]> {
    return this.runner.getRun(id);
  }

  findRun(id: string): Run | undefined {
    return this.runner.findRun(id);
  }

  /** Cancels a run (the API): nothing more of it runs. */
  cancel(run: Run): void {
    this.runner.cancel(run);
  }

  /** The SDK's checkpoint of steps a request has run (see Runner.checkpoint). */
  checkpoint(runId: string, queueItem: string | undefined, ops: Op[]): boolean {
    return this.runner.checkpoint(runId, queueItem, ops);
  }

  /** Resolves once `predicate` holds (checked after every change), or rejects after `timeoutMs`. */
  waitFor<T>(predicate: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = predicate();
        if (value) {
          cleanup();
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`waitFor timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }

  /** Runs not yet finished, events still held by batching or debounce, and requests waiting for a slot. */
  get backlog(): { activeRuns: number; batchedEvents: number; debounced: number; blocked: number } {
    return {
      activeRuns: this.runner.activeRuns,
      batchedEvents: this.batcher.pending,
      debounced: this.debouncer.pending,
      blocked: this.runner.blockedRequests,
    };
  }

  stop(): void {
    this.runner.stop();
    this.batcher.stop();
    this.debouncer.stop();
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
