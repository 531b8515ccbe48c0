import { NonRetriableError } from "inngest";
import { markReadBackFailed, readBackNotification } from "@/lib/listen-back";
import { QboError } from "@/lib/qbo/client";
import { inngest } from "../client";
import { eventTypes } from "../events";

// A QuickBooks notification (webhook) is read back: the changed entity fetched when it matters, its
// cross-reference brought up to date, drift flagged. Per company at most 2 at once, so a burst of
// notifications leaves QuickBooks' 10 concurrent requests to the posting pipeline. QuickBooks faults that are
// not worth retrying end the run; after the last retry the notification is FAILED with an exception (the
// hourly catch-up applies the change anyway).
export const readBackNotificationFn = inngest.createFunction(
  {
    id: "read-back-notification",
    triggers: [eventTypes["qbo/notification.received"]],
    concurrency: { limit: 2, key: "event.data.workspaceId" },
    retries: 5,
    onFailure: async ({ event, error }) => {
      const { workspaceId, inboundEventId } = event.data.event.data as { workspaceId: string; inboundEventId: string };
      await markReadBackFailed({ tenantId: workspaceId }, { inboundEventId, reason: error.message });
    },
  },
  async ({ event, step }) =>
    step.run("read-back", async () => {
      try {
        return await readBackNotification({ tenantId: event.data.workspaceId }, { inboundEventId: event.data.inboundEventId });
      } catch (error) {
        if (error instanceof QboError && !error.retryable) throw new NonRetriableError(error.message, { cause: error });
        throw error;
      }
    }),
);
