import { randomUUID } from "node:crypto";
import { parseDuration, sleepUntil } from "./durations";
import { evaluateCondition, evaluateKey } from "./expressions";
import { ConcurrencySlots, Throttle } from "./flow-control";
import { describe, errorMessage, parseJson, parseJsonOr, retryAfterMs } from "./protocol";
import type { FunctionDef } from "./registration";
import { TERMINAL, viewRun, type InngestEvent, type Pending, type Run, type RunStatus, type RunView, type StepResult, type StoredRunState } from "./runs";

// Drives runs: each call to the app's serve handler sends the memoised step results and gets ops back (steps
// run, planned, sleeping, waiting, invoking, retrying), until the run completes, fails or is cancelled.

type Outcome = { status: number; headers: Headers | null; text: string; error?: string };
export type Op = { id: string; op: string; name?: string; data?: unknown; error?: unknown; opts?: Record<string, unknown> };
type WaitEntry = { run: Run; pending: Extract<Pending, { kind: "wait" }> };
type Blocked = { run: Run; pending: Extract<Pending, { kind: "request" }> };

export const FAILED_EVENT = "inngest/function.failed";
const INVOKED_EVENT = "inngest/function.invoked";

export type RunnerOptions = {
  fetch: typeof fetch;
  backoffBaseMs: number;
  backoffMaxMs: number;
  requestTimeoutMs: number;
  keepRuns: number;
  checkpointing: boolean;
  stats: { requests: number; httpMs: number };
  /** Registered functions, for step.invoke. */
  functions: Map<string, FunctionDef>;
  /** Sends events (a failed run's `inngest/function.failed`) through the executor's event intake. */
  emit: (events: InngestEvent[]) => void;
  changed: () => void;
  /** Called whenever a run's state changes, to store it (durable mode). */
  persist?: (run: Run) => void;
  /** Whether the app serving a function has synced with this executor since it started (requests wait until then). */
  ready?: (appName: string) => boolean;
};

export class Runner {
  /** See ExecutorOptions.checkpointing; benchmarks switch it between runs. */
  checkpointing: boolean;
  stopped = false;
  private runs = new Map<string, Run>();
  private activeByFn = new Map<string, Set<Run>>();
  private waitsByEvent = new Map<string, Set<WaitEntry>>();
  private blocked: Blocked[] = [];
  /** Requests of apps that have not synced yet since the executor started (runs resumed after a restart). */
  private held: Blocked[] = [];
  /** While the executor routes an event it is storing, new runs are collected here and start once stored. */
  collecting: Run[] | null = null;
  private slots = new ConcurrencySlots();
  private throttle = new Throttle();

  constructor(private readonly options: RunnerOptions) {
    this.checkpointing = options.checkpointing;
  }

  /** Resumes runs waiting for this event (step.waitForEvent) whose condition holds. */
  deliver(event: InngestEvent): void {
    for (const entry of [...(this.waitsByEvent.get(event.name) ?? [])]) {
      const condition = entry.pending.if;
      if (!condition || evaluateCondition(condition, { event: entry.run.event, async: event })) {
        this.resolve(entry.run, entry.pending, { type: "data", data: event });
      }
    }
  }

  /** Cancels the function's active runs that this event cancels (cancelOn). */
  cancelMatching(fn: FunctionDef, event: InngestEvent): void {
    for (const c of fn.cancel) {
      if (c.event !== event.name) continue;
      for (const run of [...(this.activeByFn.get(fn.id) ?? [])]) {
        if (c.timeoutMs !== undefined && Date.now() > run.queuedAt + c.timeoutMs) continue;
        if (!c.if || evaluateCondition(c.if, { event: run.event, async: event })) this.cancel(run);
      }
    }
  }

  startRun(fn: FunctionDef, events: [InngestEvent, ...InngestEvent[]] | InngestEvent[], parent?: Run["parent"]): Run {
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
    if (this.collecting) this.collecting.push(run);
    else this.begin(run);
    return run;
  }

  /** Starts a run created by startRun (at once, or once the event that started it is stored). */
  begin(run: Run): void {
    if (TERMINAL.has(run.status)) return;
    const { fn, event } = run;
    const now = Date.now();
    const startAt = fn.throttle
      ? this.throttle.reserve(
          `${fn.id}:${fn.throttle.key ? evaluateKey(fn.throttle.key, { event }) : ""}`,
          fn.throttle.limit + fn.throttle.burst,
          fn.throttle.periodMs,
          now,
        )
      : now;
    this.request(run, "step", 0, startAt - now);
    this.save(run);
    this.options.changed();
  }

  /** Forgets runs created for an event that could not be stored (its sender gets an error and sends again). */
  discard(runs: Run[]): void {
    for (const run of runs) {
      this.runs.delete(run.id);
      this.activeByFn.get(run.fn.id)?.delete(run);
    }
  }

  /**
   * Brings back a stored run that had not finished: its memoised steps, its sleeps and waits with their
   * deadlines (past ones resolve at once), and, unless it is only waiting, a fresh request for what is next.
   */
  restore(id: string, status: RunStatus, state: StoredRunState): Run {
    const fn = this.options.functions.get(state.fn.id) ?? state.fn;
    const run: Run = {
      id,
      fn,
      event: state.event,
      events: state.events,
      status,
      steps: state.steps,
      stack: state.stack,
      pending: new Set(),
      slots: state.slots,
      requests: state.requests,
      retries: state.retries,
      lastError: state.lastError,
      output: state.output,
      queuedAt: state.queuedAt,
      startedAt: state.startedAt,
      endedAt: state.endedAt,
      parent: state.parent,
    };
    this.runs.set(run.id, run);
    if (TERMINAL.has(status)) return run;
    let active = this.activeByFn.get(fn.id);
    if (!active) this.activeByFn.set(fn.id, (active = new Set()));
    active.add(run);
    const now = Date.now();
    for (const w of state.waits) {
      if (w.kind === "sleep") {
        const sleep = { ...w } as Extract<Pending, { kind: "sleep" }>;
        sleep.timer = setTimeout(() => this.resolve(run, sleep, { type: "data", data: null }), Math.max(0, w.until - now));
        run.pending.add(sleep);
      } else if (w.kind === "wait") {
        this.addWait(run, { ...w } as Extract<Pending, { kind: "wait" }>);
      } else {
        const invoke = { ...w } as Extract<Pending, { kind: "invoke" }>;
        if (w.until !== undefined) invoke.timer = this.invokeTimer(run, invoke, w.until - now);
        run.pending.add(invoke);
      }
    }
    // Only sleeps and waits were outstanding: their timers carry the run on. Otherwise ask the function again.
    if (run.pending.size === 0) this.request(run, "step", 0, 0);
    else run.status = state.waits.some((w) => w.kind === "sleep") ? "sleeping" : "waiting";
    return run;
  }

  /** Lets the held requests of an app that has just synced go (with the functions as it now registers them). */
  releaseHeld(appName: string): void {
    const held = this.held;
    this.held = [];
    for (const entry of held) {
      if (entry.run.fn.appName !== appName) {
        this.held.push(entry);
        continue;
      }
      entry.run.fn = this.options.functions.get(entry.run.fn.id) ?? entry.run.fn;
      this.dispatch(entry.run, entry.pending);
    }
  }

  private save(run: Run): void {
    this.options.persist?.(run);
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
    if (this.options.ready && !this.options.ready(run.fn.appName)) {
      this.held.push({ run, pending });
      return;
    }
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
    this.options.stats.requests++;
    if (pending.attempt > 0) run.retries++;
    // Unique across restarts too: a request a previous executor made must not pass for this one's.
    const queueItem = randomUUID();
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
      const res = await this.options.fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", "x-inngest-server-kind": "dev" },
        body,
        signal: AbortSignal.timeout(this.options.requestTimeoutMs),
      });
      outcome = { status: res.status, headers: res.headers, text: await res.text() };
    } catch (error) {
      outcome = { status: 0, headers: null, text: "", error: `could not reach ${url.origin}: ${describe(error)}` };
    }
    this.options.stats.httpMs += performance.now() - sentAt;
    this.slots.release(run.slots);
    run.pending.delete(pending);
    this.unblock();
    if (TERMINAL.has(run.status) || this.stopped) return;
    try {
      this.handle(run, pending, outcome);
    } catch (error) {
      this.fail(run, `the executor could not understand the answer: ${describe(error)}`);
    }
    this.save(run);
    this.options.changed();
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
        // A run resumed after a restart is asked again what is next: a sleep it already has is the same sleep.
        if (this.hasPending(run, op.id)) return;
        const until = sleepUntil(String(op.name), Date.now());
        const sleep = { kind: "sleep", stepId: op.id, until } as Extract<Pending, { kind: "sleep" }>;
        sleep.timer = setTimeout(() => this.resolve(run, sleep, { type: "data", data: null }), Math.max(0, until - Date.now()));
        run.pending.add(sleep);
        return;
      }
      case "WaitForEvent": {
        if (this.hasPending(run, op.id)) return;
        const timeoutMs = parseDuration(String(op.opts?.timeout ?? "0"));
        const condition = typeof op.opts?.if === "string" ? op.opts.if : undefined;
        const wait = { kind: "wait", stepId: op.id, event: String(op.name), if: condition, until: Date.now() + timeoutMs } as Extract<
          Pending,
          { kind: "wait" }
        >;
        this.addWait(run, wait);
        return;
      }
      case "InvokeFunction":
        if (this.hasPending(run, op.id)) return;
        return this.invoke(run, op);
      case "RunComplete":
        return this.complete(run, op.data ?? null);
      default:
        return this.fail(run, `the function asked for "${op.op}", which the local executor does not support`);
    }
  }

  private hasPending(run: Run, stepId: string): boolean {
    return [...run.pending].some((p) => p.kind !== "request" && p.stepId === stepId);
  }

  private addWait(run: Run, wait: Extract<Pending, { kind: "wait" }>): void {
    wait.timer = setTimeout(() => this.resolve(run, wait, { type: "data", data: null }), Math.max(0, wait.until - Date.now()));
    run.pending.add(wait);
    let set = this.waitsByEvent.get(wait.event);
    if (!set) this.waitsByEvent.set(wait.event, (set = new Set()));
    set.add({ run, pending: wait });
  }

  private invokeTimer(run: Run, invoke: Extract<Pending, { kind: "invoke" }>, delayMs: number): ReturnType<typeof setTimeout> {
    return setTimeout(
      () => this.resolve(run, invoke, { type: "error", error: { name: "Error", message: "the invoked function timed out" } }),
      Math.max(0, delayMs),
    );
  }

  private invoke(run: Run, op: Op): void {
    const opts = (op.opts ?? {}) as { function_id?: string; payload?: { data?: Record<string, unknown> }; timeout?: string };
    const target = opts.function_id ? this.options.functions.get(opts.function_id) : undefined;
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
      const timeoutMs = parseDuration(opts.timeout);
      invoke.until = Date.now() + timeoutMs;
      invoke.timer = this.invokeTimer(run, invoke, timeoutMs);
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
    const backoff = Math.min(this.options.backoffMaxMs, this.options.backoffBaseMs * 2 ** pending.attempt) * (0.8 + Math.random() * 0.4);
    this.request(run, pending.stepId, pending.attempt + 1, retryAfter ?? backoff);
    return false;
  }

  private record(run: Run, stepId: string, result: StepResult): void {
    // A checkpointed step comes back again in the request's final answer: memoise it once.
    if (!(stepId in run.steps)) run.stack.push(stepId);
    run.steps[stepId] = result;
    this.save(run);
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
    this.options.changed();
    return true;
  }

  private resolve(run: Run, pending: Pending, result: StepResult): void {
    if (!run.pending.has(pending) || TERMINAL.has(run.status)) return;
    this.forget(pending, run);
    run.pending.delete(pending);
    this.record(run, pending.stepId, result);
    this.continueIfIdle(run);
    this.save(run);
    this.options.changed();
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
      this.options.emit([
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
    this.save(run);
    if (this.runs.size > this.options.keepRuns) {
      for (const [id, old] of this.runs) {
        if (this.runs.size <= this.options.keepRuns) break;
        if (TERMINAL.has(old.status)) this.runs.delete(id);
      }
    }
    this.options.changed();
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


  get activeRuns(): number {
    let n = 0;
    for (const set of this.activeByFn.values()) n += set.size;
    return n;
  }

  get blockedRequests(): number {
    return this.blocked.length + this.held.length;
  }

  stop(): void {
    this.stopped = true;
    for (const run of this.runs.values()) for (const pending of run.pending) this.forget(pending, run);
  }
}
