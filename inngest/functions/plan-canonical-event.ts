import { planEvent } from "@/lib/sync/plan-event";
import { toStepError } from "@/lib/sync/classify-failure";
import { failPlanning } from "@/lib/sync/fail-planning";
import { inngest } from "../client";
import { events, eventTypes } from "../events";

// Step 2 of the sync pipeline: a canonical event is planned with the active mapping of its QuickBooks company
// and its postings stored, with the kick for that company's drainer (lib/sync/plan-event.ts). Idempotent on
// replays; a plan the ledger refuses is an exception, not a retry.
export const planCanonicalEventFn = inngest.createFunction(
  {
    id: "plan-canonical-event",
    triggers: [eventTypes["sync/event.ready"]],
    concurrency: { limit: 10, key: "event.data.workspaceId" },
    retries: 5,
    onFailure: async ({ event, error }) => {
      const data = events["sync/event.ready"].safeParse(event.data.event.data);
      if (data.success) await failPlanning({ tenantId: data.data.workspaceId }, { canonicalEventId: data.data.canonicalEventId, reason: error.message });
    },
  },
  async ({ event, step }) =>
    step.run("plan-postings", async () => {
      try {
        return await planEvent({ tenantId: event.data.workspaceId }, { canonicalEventId: event.data.canonicalEventId });
      } catch (error) {
        throw toStepError(error);
      }
    }),
);
