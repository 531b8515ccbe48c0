import { NonRetriableError } from "inngest";
import { markFailed, normaliseInboundEvent, isRetryable } from "@/lib/ingest/normalise-inbound-event";
import { inngest } from "../client";
import { eventTypes } from "../events";

// A stored raw event becomes canonical events. Per workspace at most 10 at once, so one busy store cannot
// hold every worker; retried with backoff when a source's API is down. When retries run out, the event is
// marked FAILED with an exception, so nothing is silently dropped.
export const normaliseInboundEventFn = inngest.createFunction(
  {
    id: "normalise-inbound-event",
    triggers: [eventTypes["ingest/event.received"]],
    concurrency: { limit: 10, key: "event.data.workspaceId" },
    retries: 5,
    onFailure: async ({ event, error }) => {
      const { workspaceId, inboundEventId } = event.data.event.data as { workspaceId: string; inboundEventId: string };
      await markFailed(workspaceId, inboundEventId, `Gave up after several attempts: ${error.message}`);
    },
  },
  async ({ event, step }) =>
    step.run("derive-canonical-events", async () => {
      try {
        return await normaliseInboundEvent(event.data);
      } catch (error) {
        if (!isRetryable(error)) throw new NonRetriableError(error instanceof Error ? error.message : String(error), { cause: error });
        throw error;
      }
    }),
);
