// Small Inngest functions, one per feature, that run unchanged under `@inngest/test` and under the local executor
// (`sim/inngest`), so both can be held to the same behaviour. Every function writes to a `Probe`; records are made
// inside `step.run` callbacks, because the handler body itself is replayed on every request of a run and would
// record once per replay, while a step body runs once per attempt of that step.
import { eventType, invoke, NonRetriableError, RetryAfterError, type Inngest, type InngestFunction } from "inngest";
import { z } from "zod";
import { Probe } from "./probe";

/** The events the conformance functions listen for (names all start with `conformance/`). */
export const conformanceEvents = {
  steps: eventType("conformance/steps", { schema: z.object({ n: z.number() }) }),
  retry: eventType("conformance/retry"),
  noRetry: eventType("conformance/no-retry"),
  retryAfter: eventType("conformance/retry-after"),
  /** `ms` overrides the 1 s nap (a number of milliseconds). */
  sleep: eventType("conformance/sleep", { schema: z.object({ ms: z.number().optional() }) }),
  wait: eventType("conformance/wait", { schema: z.object({ requestId: z.string() }) }),
  approved: eventType("conformance/approved", { schema: z.object({ requestId: z.string(), by: z.string() }) }),
  concurrency: eventType("conformance/concurrency", { schema: z.object({ tenant: z.string() }) }),
  throttle: eventType("conformance/throttle", { schema: z.object({ i: z.number() }) }),
  batch: eventType("conformance/batch", { schema: z.object({ tenant: z.string(), i: z.number() }) }),
  idempotent: eventType("conformance/idempotent", { schema: z.object({ orderId: z.string() }) }),
  invoke: eventType("conformance/invoke"),
  send: eventType("conformance/send", { schema: z.object({ k: z.string() }) }),
  sent: eventType("conformance/sent", { schema: z.object({ k: z.string() }) }),
  cancellable: eventType("conformance/cancellable", { schema: z.object({ jobId: z.string() }) }),
  cancel: eventType("conformance/cancel", { schema: z.object({ jobId: z.string() }) }),
} as const;

/** The schedule of the `cron` function. */
export const CONFORMANCE_CRON = "*/5 * * * *";

/** How long the `concurrency` function holds its slot. */
export const CONCURRENCY_HOLD_MS = 150;

export function createConformance(client: Inngest) {
  const probe = new Probe();

  const steps = client.createFunction(
    { id: "steps", triggers: [{ event: conformanceEvents.steps }] },
    async ({ event, step, attempt, runId }) => {
      const doubled = await step.run("double", () => event.data.n * 2);
      const [a, b] = await Promise.all([
        step.run("plus-one", () => doubled + 1),
        step.run("plus-two", () => doubled + 2),
      ]);
      const sum = await step.run("sum", () => {
        const total = a + b;
        probe.record("steps", { attempt, runId }, { doubled, a, b, sum: total });
        return total;
      });
      return { doubled, a, b, sum };
    },
  );

  const retryThenSuccess = client.createFunction(
    { id: "retry-then-success", retries: 3, triggers: [{ event: conformanceEvents.retry }] },
    async ({ step, attempt, runId }) => {
      const result = await step.run("flaky", () => {
        probe.record("retry-then-success", { attempt, runId });
        if (attempt < 2) throw new Error(`flaky failure on attempt ${attempt}`);
        return "ok";
      });
      return { result, attempt };
    },
  );

  const noRetryFailure = client.createFunction(
    { id: "no-retry-failure", retries: 3, triggers: [{ event: conformanceEvents.noRetry }] },
    async ({ step, attempt, runId }) => {
      await step.run("charge", () => {
        probe.record("no-retry-failure", { attempt, runId });
        throw new NonRetriableError("card declined for good");
      });
      return { unreachable: true };
    },
  );

  const retryAfter = client.createFunction(
    { id: "retry-after", retries: 3, triggers: [{ event: conformanceEvents.retryAfter }] },
    async ({ step, attempt, runId }) => {
      const result = await step.run("rate-limited", () => {
        probe.record("retry-after", { attempt, runId });
        if (attempt === 0) throw new RetryAfterError("rate limited", "1s");
        return "ok";
      });
      return { result, attempt };
    },
  );

  const sleep = client.createFunction(
    { id: "sleep", triggers: [{ event: conformanceEvents.sleep }] },
    async ({ event, step, attempt, runId }) => {
      const before = await step.run("before-sleep", () => Date.now());
      await step.sleep("nap", event.data.ms ?? "1s");
      const after = await step.run("after-sleep", () => {
        const now = Date.now();
        probe.record("sleep", { attempt, runId }, { before, after: now });
        return now;
      });
      return { before, after };
    },
  );

  const waitForEvent = client.createFunction(
    { id: "wait-for-event", triggers: [{ event: conformanceEvents.wait }] },
    async ({ step, attempt, runId }) => {
      const evt = await step.waitForEvent("approval", {
        event: conformanceEvents.approved,
        match: "data.requestId",
        timeout: "2s",
      });
      const outcome = { approved: evt !== null, by: evt?.data.by ?? null };
      await step.run("record", () => probe.record("wait-for-event", { attempt, runId }, outcome));
      return outcome;
    },
  );

  const concurrency = client.createFunction(
    {
      id: "concurrency",
      concurrency: { limit: 2, key: "event.data.tenant" },
      triggers: [{ event: conformanceEvents.concurrency }],
    },
    async ({ event, step, attempt, runId }) => {
      const { tenant } = event.data;
      await step.run("hold", async () => {
        probe.enter(tenant);
        try {
          probe.record("concurrency", { attempt, runId }, { tenant });
          await new Promise((resolve) => setTimeout(resolve, CONCURRENCY_HOLD_MS));
        } finally {
          probe.leave(tenant);
        }
      });
      return { tenant };
    },
  );

  const throttle = client.createFunction(
    { id: "throttle", throttle: { limit: 5, period: "1s" }, triggers: [{ event: conformanceEvents.throttle }] },
    async ({ event, step, attempt, runId }) => {
      const startedAt = await step.run("start", () => probe.record("throttle", { attempt, runId }, { i: event.data.i }).at);
      return { i: event.data.i, startedAt };
    },
  );

  const batch = client.createFunction(
    {
      id: "batch",
      batchEvents: { maxSize: 5, timeout: "1s", key: "event.data.tenant" },
      triggers: [{ event: conformanceEvents.batch }],
    },
    async ({ event, events, step, attempt, runId }) => {
      const received = { tenant: event.data.tenant, is: events.map((e) => e.data.i) };
      await step.run("record", () => probe.record("batch", { attempt, runId }, received));
      return received;
    },
  );

  const idempotency = client.createFunction(
    { id: "idempotency", idempotency: "event.data.orderId", triggers: [{ event: conformanceEvents.idempotent }] },
    async ({ event, step, attempt, runId }) => {
      await step.run("record", () => probe.record("idempotency", { attempt, runId }, { orderId: event.data.orderId }));
      return { orderId: event.data.orderId };
    },
  );

  const cron = client.createFunction(
    { id: "cron", triggers: [{ cron: CONFORMANCE_CRON }] },
    async ({ event, step, attempt, runId }) => {
      const seen = { name: event.name, ts: event.ts };
      await step.run("record", () => probe.record("cron", { attempt, runId }, seen));
      return seen;
    },
  );

  // v4 declares an invoke-only function with an `invoke(schema)` trigger: it registers with no triggers at all
  // (the SDK drops `inngest/function.invoked` from the config), and invocation data is validated against the schema.
  const invokeChild = client.createFunction(
    { id: "invoke-child", triggers: [invoke(z.object({ x: z.number() }))] },
    async ({ event, step, attempt, runId }) => {
      const y = await step.run("double", () => {
        probe.record("invoke-child", { attempt, runId }, { x: event.data.x });
        return event.data.x * 2;
      });
      return { y };
    },
  );

  const invokeParent = client.createFunction(
    { id: "invoke-parent", triggers: [{ event: conformanceEvents.invoke }] },
    async ({ step, attempt, runId }) => {
      const child = await step.invoke("call-child", { function: invokeChild, data: { x: 21 } });
      await step.run("record", () => probe.record("invoke-parent", { attempt, runId }, child));
      return child;
    },
  );

  const sendEvent = client.createFunction(
    { id: "send-event", triggers: [{ event: conformanceEvents.send }] },
    async ({ event, step, attempt, runId }) => {
      const { k } = event.data;
      const sent = await step.sendEvent("fan-out", { name: conformanceEvents.sent.name, data: { k } });
      await step.run("record", () => probe.record("send-event", { attempt, runId }, { k, ids: sent.ids }));
      return { k, ids: sent.ids };
    },
  );

  const sentReceiver = client.createFunction(
    { id: "sent-receiver", triggers: [{ event: conformanceEvents.sent }] },
    async ({ event, step, attempt, runId }) => {
      await step.run("record", () => probe.record("sent-receiver", { attempt, runId }, { k: event.data.k }));
      return { k: event.data.k };
    },
  );

  const cancellable = client.createFunction(
    {
      id: "cancellable",
      cancelOn: [{ event: conformanceEvents.cancel.name, match: "data.jobId" }],
      triggers: [{ event: conformanceEvents.cancellable }],
    },
    async ({ event, step, attempt, runId }) => {
      await step.sleep("long", "5s");
      await step.run("finish", () => probe.record("cancellable", { attempt, runId }, { jobId: event.data.jobId }));
      return { jobId: event.data.jobId, finished: true };
    },
  );

  const fns = {
    steps,
    retryThenSuccess,
    noRetryFailure,
    retryAfter,
    sleep,
    waitForEvent,
    concurrency,
    throttle,
    batch,
    idempotency,
    cron,
    invokeParent,
    invokeChild,
    sendEvent,
    sentReceiver,
    cancellable,
  };
  const all: InngestFunction.Any[] = Object.values(fns);
  return { probe, fns, all };
}

export type Conformance = ReturnType<typeof createConformance>;
