import { markFailed, normaliseInboundEvent } from "@/lib/ingest/normalise-inbound-event";
import { runClassified } from "@/lib/sync/classify-failure";
import { inngest } from "../client";
import { eventTypes } from "../events";
import { failedEventData } from "../failed-event-data";

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
    onFailure: async (failure) => {
      const data = failedEventData("ingest/event.received", failure);
      if (data) await markFailed(data.workspaceId, data.inboundEventId, `Gave up after several attempts: ${failure.error.message}`);
    },
  },
  async ({ event, step }) => step.run("derive-canonical-events", () => runClassified(() => normaliseInboundEvent(event.data))),
);
