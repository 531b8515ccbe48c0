import { markFailed, normaliseInboundEvent } from "@/lib/ingest/normalise-inbound-event";
import { toStepError } from "@/lib/sync/classify-failure";
import { inngest } from "../client";
import { events, eventTypes } from "../events";

// A stored raw event becomes canonical events. Per workspace at most 10 at once, so one busy store cannot
// hold every worker; retried with backoff when a source's API is down (lib/sync/classify-failure.ts decides,
// for every job). When retries run out, the event is marked FAILED with an exception, so nothing is silently
// dropped.
export const normaliseInboundEventFn = inngest.createFunction(
  {
    id: "normalise-inbound-event",
    triggers: [eventTypes["ingest/event.received"]],
    concurrency: { limit: 10, key: "event.data.workspaceId" },
    retries: 5,
    onFailure: async ({ event, error }) => {
      // The failed run's trigger, parsed: the tenant and the id come from the event, checked, never cast.
      const data = events["ingest/event.received"].safeParse(event.data.event.data);
      if (!data.success) return;
      await markFailed(data.data.workspaceId, data.data.inboundEventId, `Gave up after several attempts: ${error.message}`);
    },
  },
  async ({ event, step }) =>
    step.run("derive-canonical-events", async () => {
      try {
        return await normaliseInboundEvent(event.data);
      } catch (error) {
        throw toStepError(error);
      }
    }),
);
