import { latestOccurrence, parseCron, type CronSchedule } from "./cron";
import { evaluateCondition, evaluateKey } from "./expressions";
import { Batcher, Debouncer, IdempotencyKeys, RateLimit } from "./flow-control";
import { nameMatches } from "./protocol";
import { registerBodySchema, toFunctionDef, type FunctionDef, type RegisterBody } from "./registration";
import { Runner, type Op } from "./runner";
import { storedState, type InngestEvent, type Run, type RunView, type StoredRunState } from "./runs";
import { RunStore, type StoredRun } from "./store";

// The executor: takes events, applies the flow control that decides whether and when a run starts (rate limit,
// idempotency, debounce, batching), fires cron triggers, and hands runs to the Runner (runner.ts), which drives
// them through the app's serve handler. A development stand-in for Inngest's own server: in memory, or, given a
// database, with its runs, event ids and idempotency keys in PostgreSQL (store.ts) so a restart strands nothing.

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
  /**
   * PostgreSQL to keep runs in (tables of its own in `schema`, created at start). Without it everything is in
   * memory and a stop forgets the runs.
   */
  databaseUrl?: string;
  /** The schema of the executor's tables (default `inngest_local`). */
  schema?: string;
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
  private readonly store: RunStore | null;
  /** Apps that have synced since this executor started: their runs' requests go; others' wait (durable mode). */
  private readonly readyApps = new Set<string>();

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
      ...(options.databaseUrl
        ? { persist: (run: Run) => this.persist(run), ready: (appName: string) => this.readyApps.has(appName) }
        : {}),
    });
    this.store = options.databaseUrl ? new RunStore(options.databaseUrl, options.schema ?? "inngest_local", this.log) : null;
  }

  /** True when runs are kept in PostgreSQL. */
  get durable(): boolean {
    return this.store !== null;
  }

  /**
   * Durable mode: creates the tables if need be and brings back what a previous executor left: the apps'
   * functions (known before they sync again), idempotency keys, and the runs not finished, which carry on once
   * their app has synced with this executor (it may still be starting).
   */
  async open(): Promise<void> {
    if (!this.store) return;
    await this.store.open();
    for (const body of await this.store.loadApps()) this.apply(body);
    this.idempotency.load(await this.store.loadIdempotencyKeys());
    const stored = await this.store.loadRuns(1_000);
    let resumed = 0;
    for (const run of stored) {
      this.runner.restore(run.id, run.status, run.state as unknown as StoredRunState);
      if (!["completed", "failed", "cancelled"].includes(run.status)) resumed++;
    }
    if (resumed > 0) this.log(`resuming ${resumed} runs left unfinished; they carry on once their app syncs`);
  }

  private persist(run: Run): void {
    this.store?.touch(run.id, () => this.stored(run));
  }

  private stored(run: Run): StoredRun {
    return { id: run.id, functionId: run.fn.id, status: run.status, state: storedState(run) as unknown as Record<string, unknown> };
  }

  /** See ExecutorOptions.checkpointing; benchmarks switch it between runs. */
  get checkpointing(): boolean {
    return this.runner.checkpointing;
  }

  set checkpointing(on: boolean) {
    this.runner.checkpointing = on;
  }

  // --- registration -------------------------------------------------------------------------------------------

  /**
   * Applies a serve handler's sync (`POST /fn/register`): the app's functions replace its previous ones. In
   * durable mode the registration is stored first, and the app's waiting runs go on.
   */
  async register(body: unknown): Promise<{ functions: number }> {
    const parsed = registerBodySchema.parse(body);
    await this.store?.saveApp(parsed);
    const defs = this.apply(parsed);
    this.readyApps.add(parsed.appName);
    this.runner.releaseHeld(parsed.appName);
    this.log(`synced app ${parsed.appName}: ${defs} functions`);
    this.changed();
    return { functions: defs };
  }

  private apply(parsed: RegisterBody): number {
    const defs = parsed.functions.map((f) => toFunctionDef(parsed.appName, f));
    for (const [id, fn] of this.functions) if (fn.appName === parsed.appName) this.functions.delete(id);
    for (const def of defs) this.functions.set(def.id, def);
    this.apps.set(parsed.appName, { appName: parsed.appName, url: parsed.url, syncedAt: Date.now() });
    this.crons = [...this.functions.values()].flatMap((fn) => fn.crons.map((c) => parseCron(fn.id, c)));
    return defs.length;
  }

  // --- events -------------------------------------------------------------------------------------------------

  /**
   * The event API (`POST /e/:key`): resolves once the events are accepted. In durable mode that is once they,
   * and the runs they start, are committed: an acknowledged event is a run that will happen, restart or not.
   */
  async accept(events: InngestEvent[]): Promise<string[]> {
    const store = this.store;
    if (!store) return this.send(events);
    const created: Run[] = [];
    try {
      await store.accept(events, EVENT_ID_TTL_MS, (fresh) => {
        const keys: { key: string; until: number }[] = [];
        this.runner.collecting = created;
        this.idempotency.claimed = keys;
        try {
          for (const event of events) {
            if (!fresh.has(event.id)) {
              this.stats.duplicateEvents++;
              continue;
            }
            fresh.delete(event.id); // the same id twice in one call runs once
            this.stats.events++;
            this.route(event);
          }
        } finally {
          this.runner.collecting = null;
          this.idempotency.claimed = null;
        }
        return { runs: created.map((r) => this.stored(r)), keys };
      });
    } catch (error) {
      this.runner.discard(created);
      throw new Error(`could not store the events: ${(error as Error).message}`, { cause: error });
    }
    for (const run of created) this.runner.begin(run);
    return events.map((e) => e.id);
  }

  /**
   * Accepts events without waiting (a failed run's event, benchmarks). In durable mode they are stored as by
   * `accept`, in the background.
   */
  send(events: InngestEvent[]): string[] {
    if (this.store) {
      void this.accept(events).catch((error: Error) => this.log(error.message));
      return events.map((e) => e.id);
    }
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

  /**
   * The SDK's checkpoint of steps a request has run (see Runner.checkpoint). In durable mode it is answered once
   * the steps are stored: a step the SDK has reported is never run again, whatever happens to this process.
   */
  async checkpoint(runId: string, queueItem: string | undefined, ops: Op[]): Promise<boolean> {
    const accepted = this.runner.checkpoint(runId, queueItem, ops);
    if (accepted) await this.store?.settle();
    return accepted;
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

  /** Stops, writes the run changes not yet stored (durable mode) and closes the database pool. */
  async close(): Promise<void> {
    this.stop();
    await this.store?.close();
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
