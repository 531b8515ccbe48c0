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
  | { kind: "invoke"; stepId: string; childRunId: string; timer?: ReturnType<typeof setTimeout> };

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
