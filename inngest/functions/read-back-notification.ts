import { markReadBackFailed, readBackNotification } from "@/lib/listen-back";
import { runClassified } from "@/lib/sync/classify-failure";
import { inngest } from "../client";
import { events, eventTypes } from "../events";
import { failedEventData } from "../failed-event-data";

// A QuickBooks notification (webhook) is read back: the changed entity fetched when it matters, its
// cross-reference brought up to date, drift flagged. Per company at most 2 at once, so a burst of
// notifications leaves QuickBooks' 10 concurrent requests to the posting pipeline. Failures are classified in
// lib/sync/classify-failure.ts like every job's: a permanent one (a validation fault, data of the wrong shape)
// ends the run at once, a transient one is retried. Either way the notification then ends FAILED with an
// exception (the hourly catch-up applies the change anyway).
export const readBackNotificationFn = inngest.createFunction(
  {
    id: "read-back-notification",
    triggers: [eventTypes["qbo/notification.received"]],
    concurrency: { limit: 2, key: "event.data.workspaceId" },
    retries: 5,
    onFailure: async (failure) => {
      const data = failedEventData("qbo/notification.received", failure);
      if (data) await markReadBackFailed({ tenantId: data.workspaceId }, { inboundEventId: data.inboundEventId, reason: failure.error.message });
    },
  },
  async ({ event, step }) =>
    step.run("read-back", () =>
      runClassified(async () => {
        const { workspaceId, inboundEventId } = events["qbo/notification.received"].parse(event.data);
        return readBackNotification({ tenantId: workspaceId }, { inboundEventId });
      }),
    ),
);
