import { planEvent } from "@/lib/sync/plan-event";
import { runClassified } from "@/lib/sync/classify-failure";
import { failPlanning } from "@/lib/sync/fail-planning";
import { inngest } from "../client";
import { eventTypes } from "../events";
import { failedEventData } from "../failed-event-data";

// Step 2 of the sync pipeline: a canonical event is planned with the active mapping of its QuickBooks company
// and its postings stored, with the kick for that company's drainer (lib/sync/plan-event.ts). Idempotent on
// replays; a plan the ledger refuses is an exception, not a retry.
export const planCanonicalEventFn = inngest.createFunction(
  {
    id: "plan-canonical-event",
    triggers: [eventTypes["sync/event.ready"]],
    concurrency: { limit: 10, key: "event.data.workspaceId" },
    retries: 5,
    onFailure: async (failure) => {
      const data = failedEventData("sync/event.ready", failure);
      if (data) await failPlanning({ tenantId: data.workspaceId }, { canonicalEventId: data.canonicalEventId, reason: failure.error.message });
    },
  },
  async ({ event, step }) =>
    step.run("plan-postings", () => runClassified(() => planEvent({ tenantId: event.data.workspaceId }, { canonicalEventId: event.data.canonicalEventId }))),
);
