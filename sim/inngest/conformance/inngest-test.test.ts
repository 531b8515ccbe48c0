// The conformance functions under `@inngest/test`: everything that library models is run here. Flow control,
// real retries, cancellation and deduplication are not modelled by it (see README.md); for those this file only
// checks that the functions declare them, and the local executor's suite runs them.
import { InngestTestEngine, mockCtx, type InngestTestRun } from "@inngest/test";
import { Inngest, type Context, type EventPayload, type InngestFunction } from "inngest";
import { beforeEach, describe, expect, it } from "vitest";
import { CONCURRENCY_HOLD_MS, CONFORMANCE_CRON, createConformance } from "./functions";
import { Probe } from "./probe";

const client = new Inngest({ id: "conformance", isDev: true });
const { probe, fns } = createConformance(client);

beforeEach(() => probe.reset());

/**
 * `execute()` hides whether an error is retriable. `once()` runs a single execution (one request of a run, in
 * executor terms) and returns its checkpoint, whose `retriable` is `true`, `false`, or the retry-after in seconds.
 * (`executeAndWaitFor("step-ran")` cannot be used: it always starts a second execution.)
 */
class CheckpointEngine extends InngestTestEngine {
  async once<T extends "step-ran" | "function-rejected">(type: T, opts?: InngestTestEngine.InlineOptions): Promise<InngestTestRun.Checkpoint<T>> {
    const { result } = await this.individualExecution(opts);
    if (result.type !== type) throw new Error(`expected ${type}, got ${result.type}`);
    return result as InngestTestRun.Checkpoint<T>;
  }
}

function event(name: string, data: Record<string, unknown>, extra: Partial<EventPayload> = {}): [EventPayload] {
  return [{ name, data, ...extra }];
}

/**
 * An engine whose handler sees `attempt` (the engine itself always passes 0), step tools still mocked. Only the
 * constructor's `transformCtx` is used: one passed to `execute()` or `executeStep()` is ignored.
 */
function onAttempt(fn: InngestFunction.Any, events: [EventPayload], attempt: number) {
  return new CheckpointEngine({ function: fn, events, transformCtx: (ctx) => ({ ...mockCtx(ctx), attempt }) });
}

/** The registration config the SDK serves for a function (what an executor reads to apply flow control). */
function configOf(fn: InngestFunction.Any) {
  const getConfig = fn["getConfig"] as (opts: { baseUrl: URL; appPrefix: string; isConnect?: boolean }) => Record<string, unknown>[];
  return getConfig.call(fn, { baseUrl: new URL("http://localhost:3000/api/inngest"), appPrefix: client.id })[0]!;
}

describe("steps", () => {
  it("runs sequential and parallel step.runs and returns their results", async () => {
    const { result } = await new InngestTestEngine({ function: fns.steps, events: event("conformance/steps", { n: 5 }) }).execute();
    expect(result).toEqual({ doubled: 10, a: 11, b: 12, sum: 23 });
    // @inngest/test follows each branch of a Promise.all to the end of the function, so the step after it runs
    // once per branch here (twice). The executor must run it exactly once.
    expect(probe.hits("steps").map((h) => h.data)).toEqual([
      { doubled: 10, a: 11, b: 12, sum: 23 },
      { doubled: 10, a: 11, b: 12, sum: 23 },
    ]);
  });

  it("rejects event data that does not match the trigger's schema, for good", async () => {
    const engine = new CheckpointEngine({ function: fns.steps, events: event("conformance/steps", { n: "five" }) });
    const { error, retriable } = await engine.once("function-rejected");
    expect(error).toMatchObject({ name: "EventValidationError", message: expect.stringContaining("n:") });
    expect(retriable).toBe(false);
    expect(probe.hits("steps")).toEqual([]);
  });
});

describe("retry-then-success", () => {
  it("fails the flaky step retriably on attempts 0 and 1 and succeeds on attempt 2", async () => {
    const events = event("conformance/retry", {});
    for (const attempt of [0, 1]) {
      const { step, retriable } = await onAttempt(fns.retryThenSuccess, events, attempt).once("step-ran");
      expect(step.op).toBe("StepError");
      expect(step.error).toMatchObject({ name: "Error", message: `flaky failure on attempt ${attempt}` });
      expect(retriable).toBe(true);
    }
    const { result, error } = await onAttempt(fns.retryThenSuccess, events, 2).execute();
    expect(error).toBeUndefined();
    expect(result).toEqual({ result: "ok", attempt: 2 });
    expect(probe.hits("retry-then-success").map((h) => h.attempt)).toEqual([0, 1, 2]);
  });

  it("surfaces the step's error from a plain execute(), which stops at the first failure (attempt stays 0)", async () => {
    const { result, error } = await new InngestTestEngine({ function: fns.retryThenSuccess, events: event("conformance/retry", {}) }).execute();
    expect(result).toBeUndefined();
    expect(error).toMatchObject({ message: "flaky failure on attempt 0" });
    expect(probe.hits("retry-then-success")).toHaveLength(1);
  });
});

describe("no-retry-failure", () => {
  it("fails the step for good with the NonRetriableError after one attempt", async () => {
    const engine = new CheckpointEngine({ function: fns.noRetryFailure, events: event("conformance/no-retry", {}) });
    const { step, retriable } = await engine.once("step-ran");
    expect(step.op).toBe("StepFailed");
    expect(step.error).toMatchObject({ name: "NonRetriableError", message: "card declined for good" });
    expect(retriable).toBe(false);
    expect(probe.hits("no-retry-failure").map((h) => h.attempt)).toEqual([0]);
  });

  it("rejects execute() with the NonRetriableError", async () => {
    const { result, error } = await new InngestTestEngine({ function: fns.noRetryFailure, events: event("conformance/no-retry", {}) }).execute();
    expect(result).toBeUndefined();
    expect(error).toMatchObject({ name: "NonRetriableError", message: "card declined for good" });
  });
});

describe("retry-after", () => {
  it("fails attempt 0 retriably with a 1 s retry-after and succeeds on attempt 1", async () => {
    const events = event("conformance/retry-after", {});
    const first = await onAttempt(fns.retryAfter, events, 0).once("step-ran");
    expect(first.step.op).toBe("StepError");
    expect(first.step.error).toMatchObject({ name: "RetryAfterError", message: "rate limited" });
    expect(first.retriable).toBe("1");
    const { result } = await onAttempt(fns.retryAfter, events, 1).execute();
    expect(result).toEqual({ result: "ok", attempt: 1 });
    expect(probe.hits("retry-after").map((h) => h.attempt)).toEqual([0, 1]);
  });
});

describe("sleep", () => {
  it("plans the nap as a Sleep op with the requested duration, rounding sub-second durations up to 1 s", async () => {
    const napOf = async (data: Record<string, unknown>) => {
      const engine = new InngestTestEngine({ function: fns.sleep, events: event("conformance/sleep", data) });
      return (await engine.executeStep("nap", { steps: [{ id: "before-sleep", handler: () => 1_000 }] })).step;
    };
    expect(await napOf({ ms: 3_000 })).toMatchObject({ op: "Sleep", name: "3s" });
    expect(await napOf({ ms: 250 })).toMatchObject({ op: "Sleep", name: "1s" });
    expect(await napOf({})).toMatchObject({ op: "Sleep", name: "1s" });
    expect(probe.hits("sleep")).toEqual([]);
  });

  it("runs the step after the (mocked) sleep and returns both timestamps", async () => {
    const started = Date.now();
    const { result } = await new InngestTestEngine({ function: fns.sleep, events: event("conformance/sleep", {}) }).execute({
      steps: [{ id: "nap", handler: () => null }],
    });
    const { before, after } = result as { before: number; after: number };
    expect(before).toBeGreaterThanOrEqual(started);
    expect(after).toBeGreaterThanOrEqual(before);
    expect(probe.hits("sleep").map((h) => h.data)).toEqual([{ before, after }]);
  });
});

describe("wait-for-event", () => {
  /** Replaces `step.waitForEvent` (mocking it through `steps` does not work, inngest-js#1652) and records its calls. */
  function answering(answer: EventPayload | null, calls: unknown[][]) {
    return (raw: Context.Any): Context.Any => {
      const ctx = mockCtx(raw);
      const waitForEvent = (...args: unknown[]) => {
        calls.push(args);
        return Promise.resolve(answer);
      };
      return { ...ctx, step: { ...ctx.step, waitForEvent } as Context.Any["step"] };
    };
  }

  it("is approved by the matching event", async () => {
    const calls: unknown[][] = [];
    const approval = { name: "conformance/approved", data: { requestId: "r-1", by: "ada" } };
    const { result } = await new InngestTestEngine({
      function: fns.waitForEvent,
      events: event("conformance/wait", { requestId: "r-1" }),
      transformCtx: answering(approval, calls),
    }).execute();
    expect(result).toEqual({ approved: true, by: "ada" });
    // The handler is replayed after the "record" step, so it calls waitForEvent again, with the same arguments.
    expect(calls.length).toBeGreaterThanOrEqual(1);
    for (const call of calls) expect(call).toEqual(["approval", expect.objectContaining({ match: "data.requestId", timeout: "2s" })]);
    expect(probe.hits("wait-for-event").map((h) => h.data)).toEqual([{ approved: true, by: "ada" }]);
  });

  it("times out to null", async () => {
    const { result } = await new InngestTestEngine({
      function: fns.waitForEvent,
      events: event("conformance/wait", { requestId: "r-2" }),
      transformCtx: answering(null, []),
    }).execute();
    expect(result).toEqual({ approved: false, by: null });
  });

  it("plans a WaitForEvent op naming the event, the match expression and the timeout", async () => {
    const { step } = await new InngestTestEngine({ function: fns.waitForEvent, events: event("conformance/wait", { requestId: "r-3" }) }).executeStep(
      "approval",
    );
    expect(step).toMatchObject({
      op: "WaitForEvent",
      name: "conformance/approved",
      opts: { if: "event.data.requestId == async.data.requestId", timeout: "2s" },
    });
  });
});

describe("concurrency and throttle bodies", () => {
  it("concurrency: holds and releases the tenant's slot", async () => {
    const started = Date.now();
    const { result } = await new InngestTestEngine({ function: fns.concurrency, events: event("conformance/concurrency", { tenant: "t-1" }) }).execute();
    expect(result).toEqual({ tenant: "t-1" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(CONCURRENCY_HOLD_MS - 5);
    expect(probe.maxActive("t-1")).toBe(1);
    expect(probe.active("t-1")).toBe(0);
  });

  it("throttle: records when the run started", async () => {
    const started = Date.now();
    const { result } = await new InngestTestEngine({ function: fns.throttle, events: event("conformance/throttle", { i: 3 }) }).execute();
    const [hit] = probe.hits("throttle");
    expect(result).toEqual({ i: 3, startedAt: hit!.at });
    expect(hit!.at).toBeGreaterThanOrEqual(started);
    expect(hit!.data).toEqual({ i: 3 });
  });
});

describe("batch", () => {
  it("receives every event of the batch", async () => {
    const events = [0, 1, 2, 3, 4].map((i) => ({ name: "conformance/batch", data: { tenant: "t-9", i } })) as [EventPayload, ...EventPayload[]];
    const { result } = await new InngestTestEngine({ function: fns.batch, events }).execute();
    expect(result).toEqual({ tenant: "t-9", is: [0, 1, 2, 3, 4] });
    expect(probe.hits("batch").map((h) => h.data)).toEqual([{ tenant: "t-9", is: [0, 1, 2, 3, 4] }]);
  });
});

describe("idempotency", () => {
  it("records the order (deduplication itself is the executor's)", async () => {
    const { result } = await new InngestTestEngine({ function: fns.idempotency, events: event("conformance/idempotent", { orderId: "o-1" }) }).execute();
    expect(result).toEqual({ orderId: "o-1" });
    expect(probe.hits("idempotency").map((h) => h.data)).toEqual([{ orderId: "o-1" }]);
  });
});

describe("cron", () => {
  it("runs from a scheduled timer event", async () => {
    const ts = Date.UTC(2030, 0, 1, 0, 5);
    const { result } = await new InngestTestEngine({
      function: fns.cron,
      events: event("inngest/scheduled.timer", { cron: CONFORMANCE_CRON }, { ts }),
    }).execute();
    expect(result).toEqual({ name: "inngest/scheduled.timer", ts });
    expect(probe.hits("cron").map((h) => h.data)).toEqual([{ name: "inngest/scheduled.timer", ts }]);
  });
});

describe("invoke", () => {
  it("the parent invokes the child by its app-prefixed id, and returns what the child returned", async () => {
    const parent = new InngestTestEngine({ function: fns.invokeParent, events: event("conformance/invoke", {}) });
    const { step } = await parent.executeStep("call-child");
    expect(step).toMatchObject({ op: "InvokeFunction", opts: { function_id: "conformance-invoke-child", payload: { data: { x: 21 } } } });

    const invocation = (step.opts as { payload: { data: Record<string, unknown> } }).payload.data;
    const child = await new InngestTestEngine({ function: fns.invokeChild, events: event("inngest/function.invoked", invocation) }).execute();
    expect(child.result).toEqual({ y: 42 });

    const { result } = await parent.execute({ steps: [{ id: "call-child", handler: () => child.result }] });
    expect(result).toEqual({ y: 42 });
    expect(probe.hits("invoke-child").map((h) => h.data)).toEqual([{ x: 21 }]);
    expect(probe.hits("invoke-parent").map((h) => h.data)).toEqual([{ y: 42 }]);
  });

  it("the child rejects invocation data that does not match its schema, for good", async () => {
    const engine = new CheckpointEngine({ function: fns.invokeChild, events: event("inngest/function.invoked", { x: "21" }) });
    const { error, retriable } = await engine.once("function-rejected");
    expect(error).toMatchObject({ name: "EventValidationError", message: expect.stringContaining("x:") });
    expect(retriable).toBe(false);
    expect(probe.hits("invoke-child")).toEqual([]);
  });
});

describe("send-event", () => {
  it("sends conformance/sent (the sendEvent step mocked), and the receiver records k", async () => {
    const { result, ctx } = await new InngestTestEngine({ function: fns.sendEvent, events: event("conformance/send", { k: "abc" }) }).execute({
      steps: [{ id: "fan-out", handler: () => ({ ids: ["evt-1"] }) }],
    });
    expect(result).toEqual({ k: "abc", ids: ["evt-1"] });
    expect(ctx.step.sendEvent).toHaveBeenCalledWith("fan-out", { name: "conformance/sent", data: { k: "abc" } });

    const sent = ctx.step.sendEvent.mock.calls[0]![1] as EventPayload;
    const received = await new InngestTestEngine({ function: fns.sentReceiver, events: [sent] }).execute();
    expect(received.result).toEqual({ k: "abc" });
    expect(probe.hits("sent-receiver").map((h) => h.data)).toEqual([{ k: "abc" }]);
  });
});

describe("cancellable", () => {
  it("finishes when the (mocked) long sleep ends without a cancel", async () => {
    const { result } = await new InngestTestEngine({ function: fns.cancellable, events: event("conformance/cancellable", { jobId: "j-1" }) }).execute({
      steps: [{ id: "long", handler: () => null }],
    });
    expect(result).toEqual({ jobId: "j-1", finished: true });
    expect(probe.hits("cancellable").map((h) => h.data)).toEqual([{ jobId: "j-1" }]);
  });
});

describe("declared flow control (not run by @inngest/test; the executor must honour it)", () => {
  it("registers each function's triggers and flow-control options as the executor will read them", () => {
    expect(configOf(fns.concurrency)).toMatchObject({ id: "conformance-concurrency", concurrency: { limit: 2, key: "event.data.tenant" } });
    expect(configOf(fns.throttle)).toMatchObject({ throttle: { limit: 5, period: "1s" } });
    expect(configOf(fns.batch)).toMatchObject({ batchEvents: { maxSize: 5, timeout: "1s", key: "event.data.tenant" } });
    expect(configOf(fns.idempotency)).toMatchObject({ idempotency: "event.data.orderId" });
    expect(configOf(fns.cancellable)).toMatchObject({ cancel: [{ event: "conformance/cancel", if: "event.data.jobId == async.data.jobId" }] });
    expect(configOf(fns.retryThenSuccess)).toMatchObject({ steps: { step: { retries: { attempts: 3 } } } });
    expect(configOf(fns.cron).triggers).toEqual([{ cron: CONFORMANCE_CRON }]);
    expect(configOf(fns.steps).triggers).toEqual([{ event: "conformance/steps" }]);
    expect(configOf(fns.invokeChild).triggers).toEqual([]);
  });
});

describe("Probe", () => {
  it("tracks current and maximum holders per key, and forgets on reset", () => {
    const p = new Probe();
    p.enter("a");
    p.enter("a");
    p.leave("a");
    p.enter("a");
    p.enter("b");
    expect([p.active("a"), p.maxActive("a"), p.maxActive("b"), p.maxActive("c")]).toEqual([2, 2, 1, 0]);
    p.leave("a");
    p.leave("a");
    expect(() => p.leave("a")).toThrow(/without a matching enter/);
    p.record("f", { attempt: 1, runId: "r" }, { x: 1 });
    expect(p.hits("f")).toEqual([{ at: expect.any(Number), attempt: 1, runId: "r", data: { x: 1 } }]);
    p.reset();
    expect([p.hits("f"), p.maxActive("a")]).toEqual([[], 0]);
  });
});
