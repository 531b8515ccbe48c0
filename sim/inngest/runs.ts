import type { FunctionDef } from "./registration";

// A run's state, as the executor keeps it and as the JSON API and status page show it.

export type InngestEvent = {
  id: string;
  name: string;
  data: Record<string, unknown>;
  ts: number;
  user?: unknown;
  v?: string;
};

export type StepResult = { type: "data"; data: unknown } | { type: "error"; error: unknown };

export type RunStatus = "queued" | "running" | "sleeping" | "waiting" | "completed" | "failed" | "cancelled";

export const TERMINAL: ReadonlySet<RunStatus> = new Set(["completed", "failed", "cancelled"]);

/** Something a run is waiting on before the next call to the function. */
export type Pending =
  | { kind: "request"; stepId: string; attempt: number; timer?: ReturnType<typeof setTimeout>; queueItem?: string }
  | { kind: "sleep"; stepId: string; until: number; timer: ReturnType<typeof setTimeout> }
  | { kind: "wait"; stepId: string; event: string; if?: string; until: number; timer: ReturnType<typeof setTimeout> }
  | { kind: "invoke"; stepId: string; childRunId: string; until?: number; timer?: ReturnType<typeof setTimeout> };

/** A sleep, wait or invoke as stored: what a restarted executor needs to set its timer again. */
export type StoredWait =
  | { kind: "sleep"; stepId: string; until: number }
  | { kind: "wait"; stepId: string; event: string; if?: string; until: number }
  | { kind: "invoke"; stepId: string; childRunId: string; until?: number };

/** A run's state as the store keeps it (JSON). Requests in flight are not kept: a resumed run asks again. */
export type StoredRunState = {
  fn: FunctionDef;
  event: InngestEvent;
  events: InngestEvent[];
  steps: Record<string, StepResult>;
  stack: string[];
  slots: { slot: string; limit: number }[];
  requests: number;
  retries: number;
  lastError?: string;
  output?: unknown;
  queuedAt: number;
  startedAt?: number;
  endedAt?: number;
  parent?: { runId: string; stepId: string };
  waits: StoredWait[];
};

export type Run = {
  id: string;
  fn: FunctionDef;
  event: InngestEvent;
  events: InngestEvent[];
  status: RunStatus;
  steps: Record<string, StepResult>;
  stack: string[];
  pending: Set<Pending>;
  /** Concurrency slots this run's requests take, evaluated once from the triggering event. */
  slots: { slot: string; limit: number }[];
  /** Calls made to the function, and how many of them were retries after an error. */
  requests: number;
  retries: number;
  lastError?: string;
  output?: unknown;
  queuedAt: number;
  startedAt?: number;
  endedAt?: number;
  parent?: { runId: string; stepId: string };
};

export type RunView = {
  id: string;
  functionId: string;
  functionName: string;
  eventName: string;
  eventIds: string[];
  status: RunStatus;
  requests: number;
  retries: number;
  lastError: string | null;
  output: unknown;
  queuedAt: string;
  startedAt: string | null;
  endedAt: string | null;
  durationMs: number | null;
  steps: number;
};

export function viewRun(run: Run): RunView {
  return {
    id: run.id,
    functionId: run.fn.id,
    functionName: run.fn.name,
    eventName: run.event.name,
    eventIds: run.events.map((e) => e.id),
    status: run.status,
    requests: run.requests,
    retries: run.retries,
    lastError: run.lastError ?? null,
    output: run.output ?? null,
    queuedAt: new Date(run.queuedAt).toISOString(),
    startedAt: run.startedAt ? new Date(run.startedAt).toISOString() : null,
    endedAt: run.endedAt ? new Date(run.endedAt).toISOString() : null,
    durationMs: run.endedAt && run.startedAt ? run.endedAt - run.startedAt : null,
    steps: Object.keys(run.steps).length,
  };
}

export function storedState(run: Run): StoredRunState {
  const waits: StoredWait[] = [];
  for (const p of run.pending) {
    if (p.kind === "sleep") waits.push({ kind: "sleep", stepId: p.stepId, until: p.until });
    else if (p.kind === "wait") waits.push({ kind: "wait", stepId: p.stepId, event: p.event, if: p.if, until: p.until });
    else if (p.kind === "invoke") waits.push({ kind: "invoke", stepId: p.stepId, childRunId: p.childRunId, until: p.until });
  }
  return {
    fn: run.fn,
    event: run.event,
    events: run.events,
    steps: run.steps,
    stack: run.stack,
    slots: run.slots,
    requests: run.requests,
    retries: run.retries,
    lastError: run.lastError,
    output: run.output,
    queuedAt: run.queuedAt,
    startedAt: run.startedAt,
    endedAt: run.endedAt,
    parent: run.parent,
    waits,
  };
}
