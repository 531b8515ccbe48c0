import { randomUUID } from "node:crypto";
import { latestOccurrence, parseCron, type CronSchedule } from "./cron";
import { parseDuration, sleepUntil } from "./durations";
import { evaluateCondition, evaluateKey } from "./expressions";
import { Batcher, ConcurrencySlots, Debouncer, IdempotencyKeys, RateLimit, Throttle } from "./flow-control";
import { registerBodySchema, toFunctionDef, type FunctionDef } from "./registration";
import { TERMINAL, viewRun, type InngestEvent, type Pending, type Run, type RunView, type StepResult } from "./runs";

// The executor: takes events, starts runs of the functions they trigger, and drives each run by calling the
// app's serve handler with the SDK's protocol (memoised step results in, ops out) until it completes, fails or
// is cancelled. It is a development stand-in for Inngest's own server, kept in memory.

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

type Outcome = { status: number; headers: Headers | null; text: string; error?: string };
export type Op = { id: string; op: string; name?: string; data?: unknown; error?: unknown; opts?: Record<string, unknown> };
type WaitEntry = { run: Run; pending: Extract<Pending, { kind: "wait" }> };
type Blocked = { run: Run; pending: Extract<Pending, { kind: "request" }> };

const FAILED_EVENT = "inngest/function.failed";
const INVOKED_EVENT = "inngest/function.invoked";
const CRON_EVENT = "inngest/scheduled.timer";
const EVENT_ID_TTL_MS = 24 * 3_600_000;

export class Executor {
  readonly functions = new Map<string, FunctionDef>();
  readonly apps = new Map<string, { appName: string; url: string; syncedAt: number }>();
  /** Counters for the status page and benchmarks; httpMs is the time spent waiting on the app's answers. */
  readonly stats = { requests: 0, events: 0, duplicateEvents: 0, skippedRuns: 0, httpMs: 0 };

  private runs = new Map<string, Run>();
  private activeByFn = new Map<string, Set<Run>>();
  private waitsByEvent = new Map<string, Set<WaitEntry>>();
  private blocked: Blocked[] = [];
  private eventIds = new Map<string, number>();
  private crons: CronSchedule[] = [];
  private lastTick = Date.now();
  private listeners = new Set<() => void>();
  private slots = new ConcurrencySlots();
  private throttle = new Throttle();
  private rateLimit = new RateLimit();
  private idempotency = new IdempotencyKeys();
  private batcher = new Batcher<{ fn: FunctionDef; event: InngestEvent }>((_key, items) => {
    const first = items[0];
    if (first) this.startRun(first.fn, items.map((i) => i.event));
  });
  private debouncer = new Debouncer<{ fn: FunctionDef; event: InngestEvent }>((_key, item) => this.startRun(item.fn, [item.event]));
  private stopped = false;
  /** See ExecutorOptions.checkpointing; benchmarks switch it between runs. */
  checkpointing: boolean;
  private readonly fetchImpl: typeof fetch;
  private readonly backoffBase: number;
  private readonly backoffMax: number;
  private readonly requestTimeoutMs: number;
  private readonly keepRuns: number;
  private readonly log: (message: string) => void;

  constructor(options: ExecutorOptions = {}) {
    this.fetchImpl = options.fetch ?? fetch;
    this.backoffBase = options.backoff?.baseMs ?? 1_000;
    this.backoffMax = options.backoff?.maxMs ?? 60_000;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 5 * 60_000;
    this.keepRuns = options.keepRuns ?? 10_000;
    this.log = options.log ?? (() => {});
    this.checkpointing = options.checkpointing ?? true;
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
    for (const entry of [...(this.waitsByEvent.get(event.name) ?? [])]) {
      const condition = entry.pending.if;
      if (!condition || evaluateCondition(condition, { event: entry.run.event, async: event })) {
        this.resolve(entry.run, entry.pending, { type: "data", data: event });
      }
    }
    for (const fn of this.functions.values()) {
      for (const c of fn.cancel) {
        if (c.event !== event.name) continue;
        for (const run of [...(this.activeByFn.get(fn.id) ?? [])]) {
          if (c.timeoutMs !== undefined && Date.now() > run.queuedAt + c.timeoutMs) continue;
          if (!c.if || evaluateCondition(c.if, { event: run.event, async: event })) this.cancel(run);
        }
      }
    }
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
    this.startRun(fn, [event]);
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

  private startRun(fn: FunctionDef, events: [InngestEvent, ...InngestEvent[]] | InngestEvent[], parent?: Run["parent"]): Run {
    const now = Date.now();
    const event = events[0];
    if (!event) throw new Error("a run needs at least one event");
    const run: Run = {
      id: randomUUID(),
      fn,
      event,
      events,
      status: "queued",
      steps: {},
      stack: [],
      pending: new Set(),
      slots: fn.concurrency.map((c) => ({
        slot: `${c.scope}:${c.scope === "fn" ? fn.id : ""}:${c.key ? evaluateKey(c.key, { event }) : ""}`,
        limit: c.limit,
      })),
      requests: 0,
      retries: 0,
      queuedAt: now,
      parent,
    };
    this.runs.set(run.id, run);
    let active = this.activeByFn.get(fn.id);
    if (!active) this.activeByFn.set(fn.id, (active = new Set()));
    active.add(run);
    const startAt = fn.throttle
      ? this.throttle.reserve(
          `${fn.id}:${fn.throttle.key ? evaluateKey(fn.throttle.key, { event }) : ""}`,
          fn.throttle.limit + fn.throttle.burst,
          fn.throttle.periodMs,
          now,
        )
      : now;
    this.request(run, "step", 0, startAt - now);
    this.changed();
    return run;
  }

  private request(run: Run, stepId: string, attempt: number, delayMs: number): void {
    const pending: Extract<Pending, { kind: "request" }> = { kind: "request", stepId, attempt };
    run.pending.add(pending);
    if (delayMs > 0) pending.timer = setTimeout(() => this.dispatch(run, pending), delayMs);
    else this.dispatch(run, pending);
  }

  private dispatch(run: Run, pending: Extract<Pending, { kind: "request" }>): void {
    pending.timer = undefined;
    if (this.stopped || TERMINAL.has(run.status)) return;
    if (!this.slots.canTake(run.slots)) {
      this.blocked.push({ run, pending });
      return;
    }
    this.slots.take(run.slots);
    void this.call(run, pending);
  }

  private unblock(): void {
    if (this.blocked.length === 0) return;
    const waiting = this.blocked;
    this.blocked = [];
    for (const entry of waiting) {
      if (TERMINAL.has(entry.run.status)) continue;
      if (!this.stopped && this.slots.canTake(entry.run.slots)) {
        this.slots.take(entry.run.slots);
        void this.call(entry.run, entry.pending);
      } else {
        this.blocked.push(entry);
      }
    }
  }

  private async call(run: Run, pending: Extract<Pending, { kind: "request" }>): Promise<void> {
    run.status = "running";
    run.startedAt ??= Date.now();
    run.requests++;
    this.stats.requests++;
    if (pending.attempt > 0) run.retries++;
    const queueItem = `${run.id}:${run.requests}`;
    pending.queueItem = queueItem;
    const url = new URL(run.fn.url);
    if (pending.stepId !== "step") url.searchParams.set("stepId", pending.stepId);
    const body = JSON.stringify({
      event: run.event,
      events: run.events,
      steps: run.steps,
      version: 2,
      ctx: {
        run_id: run.id,
        // With fn_id and qi_id the SDK checkpoints: it runs consecutive steps in this one request and reports
        // each to /v1/checkpoint/{run}/async, instead of one request per step (Inngest's default in SDK v4).
        ...(this.checkpointing ? { fn_id: run.fn.id, qi_id: queueItem } : {}),
        attempt: pending.attempt,
        max_attempts: run.fn.maxAttempts,
        disable_immediate_execution: false,
        use_api: false,
        stack: { stack: run.stack, current: run.stack.length },
      },
    });
    const sentAt = performance.now();
    let outcome: Outcome;
    try {
      const res = await this.fetchImpl(url, {
        method: "POST",
        headers: { "content-type": "application/json", "x-inngest-server-kind": "dev" },
        body,
        signal: AbortSignal.timeout(this.requestTimeoutMs),
      });
      outcome = { status: res.status, headers: res.headers, text: await res.text() };
    } catch (error) {
      outcome = { status: 0, headers: null, text: "", error: `could not reach ${url.origin}: ${describe(error)}` };
    }
    this.stats.httpMs += performance.now() - sentAt;
    this.slots.release(run.slots);
    run.pending.delete(pending);
    this.unblock();
    if (TERMINAL.has(run.status) || this.stopped) return;
    try {
      this.handle(run, pending, outcome);
    } catch (error) {
      this.fail(run, `the executor could not understand the answer: ${describe(error)}`);
    }
    this.changed();
  }

  private handle(run: Run, pending: Extract<Pending, { kind: "request" }>, outcome: Outcome): void {
    if (outcome.status === 200) return this.complete(run, parseJson(outcome.text));
    if (outcome.status === 206) {
      const body = parseJson(outcome.text);
      const ops = (Array.isArray(body) ? body : [body]) as Op[];
      for (const op of ops) {
        this.applyOp(run, pending, op, outcome.headers);
        if (TERMINAL.has(run.status)) return;
      }
      return this.continueIfIdle(run);
    }
    const noRetry = outcome.headers?.get("x-inngest-no-retry") === "true" || (outcome.status >= 400 && outcome.status < 500);
    const body = outcome.error ? null : parseJsonOr(outcome.text);
    const message = outcome.error ?? errorMessage(body, `HTTP ${outcome.status}`);
    this.retryOrFail(run, pending, message, noRetry, retryAfterMs(outcome.headers), false, body);
  }

  private applyOp(run: Run, pending: Extract<Pending, { kind: "request" }>, op: Op, headers: Headers | null): void {
    switch (op.op) {
      case "StepRun":
      case "Step":
        return this.record(run, op.id, { type: "data", data: op.data ?? null });
      case "StepFailed":
        run.lastError = errorMessage(op.error, "step failed");
        return this.record(run, op.id, { type: "error", error: op.error ?? null });
      case "StepError": {
        const noRetry = headers?.get("x-inngest-no-retry") === "true";
        const final = this.retryOrFail(run, pending, errorMessage(op.error, "step error"), noRetry, retryAfterMs(headers), true);
        if (final) this.record(run, op.id, { type: "error", error: op.error ?? null });
        return;
      }
      case "StepPlanned":
        return this.request(run, op.id, 0, 0);
      case "Sleep": {
        const until = sleepUntil(String(op.name), Date.now());
        const sleep = { kind: "sleep", stepId: op.id, until } as Extract<Pending, { kind: "sleep" }>;
        sleep.timer = setTimeout(() => this.resolve(run, sleep, { type: "data", data: null }), Math.max(0, until - Date.now()));
        run.pending.add(sleep);
        return;
      }
      case "WaitForEvent": {
        const timeoutMs = parseDuration(String(op.opts?.timeout ?? "0"));
        const condition = typeof op.opts?.if === "string" ? op.opts.if : undefined;
        const wait = { kind: "wait", stepId: op.id, event: String(op.name), if: condition, until: Date.now() + timeoutMs } as Extract<
          Pending,
          { kind: "wait" }
        >;
        wait.timer = setTimeout(() => this.resolve(run, wait, { type: "data", data: null }), timeoutMs);
        run.pending.add(wait);
        let set = this.waitsByEvent.get(wait.event);
        if (!set) this.waitsByEvent.set(wait.event, (set = new Set()));
        set.add({ run, pending: wait });
        return;
      }
      case "InvokeFunction":
        return this.invoke(run, op);
      case "RunComplete":
        return this.complete(run, op.data ?? null);
      default:
        return this.fail(run, `the function asked for "${op.op}", which the local executor does not support`);
    }
  }

  private invoke(run: Run, op: Op): void {
    const opts = (op.opts ?? {}) as { function_id?: string; payload?: { data?: Record<string, unknown> }; timeout?: string };
    const target = opts.function_id ? this.functions.get(opts.function_id) : undefined;
    if (!target) {
      return this.record(run, op.id, {
        type: "error",
        error: { name: "Error", message: `function "${opts.function_id}" is not registered with the executor` },
      });
    }
    const invoke = { kind: "invoke", stepId: op.id, childRunId: "" } as Extract<Pending, { kind: "invoke" }>;
    run.pending.add(invoke);
    const event: InngestEvent = {
      id: randomUUID(),
      name: INVOKED_EVENT,
      data: { ...(opts.payload?.data ?? {}), _inngest: { source_fn_id: run.fn.id, source_fn_run_id: run.id } },
      ts: Date.now(),
    };
    const child = this.startRun(target, [event], { runId: run.id, stepId: op.id });
    invoke.childRunId = child.id;
    if (opts.timeout) {
      invoke.timer = setTimeout(
        () => this.resolve(run, invoke, { type: "error", error: { name: "Error", message: "the invoked function timed out" } }),
        parseDuration(opts.timeout),
      );
    }
  }

  /**
   * A failed request: retried with backoff (or the function's Retry-After) while attempts remain, otherwise the
   * run fails, or, for a step error, the error is memoised so the function can catch it. Returns true when final.
   */
  private retryOrFail(
    run: Run,
    pending: Extract<Pending, { kind: "request" }>,
    message: string,
    noRetry: boolean,
    retryAfter: number | undefined,
    stepError = false,
    error?: unknown,
  ): boolean {
    run.lastError = message;
    const final = noRetry || pending.attempt + 1 >= run.fn.maxAttempts;
    if (final) {
      if (!stepError) this.fail(run, message, error);
      return true;
    }
    const backoff = Math.min(this.backoffMax, this.backoffBase * 2 ** pending.attempt) * (0.8 + Math.random() * 0.4);
    this.request(run, pending.stepId, pending.attempt + 1, retryAfter ?? backoff);
    return false;
  }

  private record(run: Run, stepId: string, result: StepResult): void {
    // A checkpointed step comes back again in the request's final answer: memoise it once.
    if (!(stepId in run.steps)) run.stack.push(stepId);
    run.steps[stepId] = result;
  }

  /**
   * The SDK's checkpoint (`POST /v1/checkpoint/{runId}/async`): steps a request has run so far, memoised now so
   * a crash of the app mid-request loses none of them. False when the request is stale (the run was cancelled or
   * the request timed out and was retried): the SDK then stops.
   */
  checkpoint(runId: string, queueItem: string | undefined, ops: Op[]): boolean {
    const run = this.runs.get(runId);
    if (!run || TERMINAL.has(run.status)) return false;
    const current = [...run.pending].some((p) => p.kind === "request" && p.queueItem === queueItem);
    if (!current) return false;
    for (const op of ops) {
      if (op.op === "StepRun" || op.op === "Step") this.record(run, op.id, { type: "data", data: op.data ?? null });
    }
    this.changed();
    return true;
  }

  private resolve(run: Run, pending: Pending, result: StepResult): void {
    if (!run.pending.has(pending) || TERMINAL.has(run.status)) return;
    this.forget(pending, run);
    run.pending.delete(pending);
    this.record(run, pending.stepId, result);
    this.continueIfIdle(run);
    this.changed();
  }

  /** Once nothing is outstanding (planned steps done, sleeps over, events arrived), ask the function what is next. */
  private continueIfIdle(run: Run): void {
    if (TERMINAL.has(run.status)) return;
    if (run.pending.size === 0) return this.request(run, "step", 0, 0);
    const kinds = new Set([...run.pending].map((p) => p.kind));
    run.status = kinds.has("request") ? "running" : kinds.has("sleep") ? "sleeping" : "waiting";
  }

  private complete(run: Run, output: unknown): void {
    run.output = output;
    this.finish(run, "completed");
    if (run.parent) this.resolveParent(run.parent, { type: "data", data: output });
  }

  /** `error` is the function's serialised error when there is one: failure handlers receive it as thrown. */
  private fail(run: Run, message: string, error?: unknown): void {
    const serialised =
      error && typeof error === "object" && typeof (error as { message?: unknown }).message === "string" ? error : { name: "Error", message };
    run.lastError = message;
    this.finish(run, "failed");
    if (run.parent) this.resolveParent(run.parent, { type: "error", error: { name: "Error", message } });
    if (run.event.name !== FAILED_EVENT) {
      this.send([
        {
          id: randomUUID(),
          name: FAILED_EVENT,
          data: { function_id: run.fn.id, run_id: run.id, error: serialised, event: run.event },
          ts: Date.now(),
        },
      ]);
    }
  }

  /** Cancels a run (cancelOn, or the API): nothing more of it runs; a request in flight finishes but is ignored. */
  cancel(run: Run): void {
    if (TERMINAL.has(run.status)) return;
    this.finish(run, "cancelled");
    if (run.parent) this.resolveParent(run.parent, { type: "error", error: { name: "Error", message: "the invoked run was cancelled" } });
  }

  private resolveParent(parent: NonNullable<Run["parent"]>, result: StepResult): void {
    const run = this.runs.get(parent.runId);
    const pending = run && [...run.pending].find((p) => p.kind === "invoke" && p.stepId === parent.stepId);
    if (run && pending) this.resolve(run, pending, result);
  }

  private finish(run: Run, status: "completed" | "failed" | "cancelled"): void {
    run.status = status;
    run.endedAt = Date.now();
    for (const pending of run.pending) this.forget(pending, run);
    run.pending.clear();
    this.activeByFn.get(run.fn.id)?.delete(run);
    if (this.runs.size > this.keepRuns) {
      for (const [id, old] of this.runs) {
        if (this.runs.size <= this.keepRuns) break;
        if (TERMINAL.has(old.status)) this.runs.delete(id);
      }
    }
    this.changed();
  }

  private forget(pending: Pending, run: Run): void {
    if (pending.timer) clearTimeout(pending.timer);
    if (pending.kind === "wait") {
      const set = this.waitsByEvent.get(pending.event);
      for (const entry of set ?? []) if (entry.pending === pending && entry.run === run) set?.delete(entry);
    }
  }

  // --- reading ------------------------------------------------------------------------------------------------

  listRuns(filter: { functionId?: string; status?: string; limit?: number } = {}): RunView[] {
    const out: RunView[] = [];
    for (const run of [...this.runs.values()].reverse()) {
      if (filter.functionId && run.fn.id !== filter.functionId && !run.fn.id.endsWith(`-${filter.functionId}`)) continue;
      if (filter.status && run.status !== filter.status) continue;
      out.push(viewRun(run));
      if (out.length >= (filter.limit ?? 100)) break;
    }
    return out;
  }

  getRun(id: string): (RunView & { stepResults: Run["steps"] }) | null {
    const run = this.runs.get(id);
    return run ? { ...viewRun(run), stepResults: run.steps } : null;
  }

  findRun(id: string): Run | undefined {
    return this.runs.get(id);
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
    let activeRuns = 0;
    for (const set of this.activeByFn.values()) activeRuns += set.size;
    return { activeRuns, batchedEvents: this.batcher.pending, debounced: this.debouncer.pending, blocked: this.blocked.length };
  }

  stop(): void {
    this.stopped = true;
    this.batcher.stop();
    this.debouncer.stop();
    for (const run of this.runs.values()) for (const pending of run.pending) this.forget(pending, run);
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

function nameMatches(pattern: string, name: string): boolean {
  if (pattern === name) return true;
  if (!pattern.includes("*")) return false;
  const regex = new RegExp(`^${pattern.split("*").map(escapeRegex).join(".*")}$`);
  return regex.test(name);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function parseJson(text: string): unknown {
  if (text === "") return null;
  return JSON.parse(text) as unknown;
}

/** The body as JSON, or the text itself when it is not JSON (a proxy's HTML error page, say). */
function parseJsonOr(text: string): unknown {
  try {
    return parseJson(text);
  } catch {
    return text;
  }
}

function errorMessage(body: unknown, fallback: string): string {
  if (body && typeof body === "object") {
    const b = body as { message?: unknown; error?: unknown; name?: unknown };
    const message = typeof b.message === "string" ? b.message : typeof b.error === "string" ? b.error : undefined;
    if (message) return typeof b.name === "string" && b.name !== "Error" ? `${b.name}: ${message}` : message;
  }
  if (typeof body === "string" && body) return body;
  return fallback;
}

/** Retry-After as the SDK sends it: whole seconds, or an HTTP/ISO date. */
function retryAfterMs(headers: Headers | null): number | undefined {
  const value = headers?.get("retry-after");
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
  }
  return String(error);
}
