import { logger } from "@/lib/log/logger";
import { budgetLeft } from "@/lib/sync/budget-view";
import { runClassified } from "@/lib/sync/classify-failure";
import { drainConnection } from "@/lib/sync/drain-connection";
import { kickConnection } from "@/lib/sync/kick-connection";
import { inngest } from "../client";
import { eventTypes } from "../events";
import { failedEventData } from "../failed-event-data";

// Step 3 of the sync pipeline: a QuickBooks company's ready postings go out, round after round, until none is
// ready (lib/sync/drain-connection.ts). At most 10 runs per company at once, each with one request in flight,
// so at most 10 QuickBooks requests at once per company however many kicks arrive; claims never overlap, so
// extra runs find nothing and end. A retry that is due soon is waited for here; one later is left to a kick
// (or the sweep). What a round throws is classified like every job's failure (lib/sync/classify-failure.ts):
// each posting's own QuickBooks faults are handled inside the drainer, so what reaches here is the drainer's.
const MAX_ROUNDS = 50;
const MAX_WAIT_MS = 2 * 60_000;

export const drainPostingsFn = inngest.createFunction(
  {
    id: "drain-postings",
    triggers: [eventTypes["sync/postings.ready"]],
    concurrency: { limit: 10, key: "event.data.qboConnectionId" },
    retries: 5,
    // Nothing to mark: the postings stay as they were (ready or retrying) for the next kick or the sweep.
    onFailure: async (failure) => {
      const data = failedEventData("sync/postings.ready", failure);
      if (data) logger.error({ workspaceId: data.workspaceId, qboConnectionId: data.qboConnectionId, err: failure.error }, `Sending the ready postings of QuickBooks connection ${data.qboConnectionId} failed (${failure.error.message}); they stay queued for the next kick or the sweep.`);
    },
  },
  async ({ event, step }) => {
    const { workspaceId, qboConnectionId } = event.data;
    let posted = 0;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const result = await step.run(`drain-${round}`, () => runClassified(() => drainConnection(qboConnectionId, { budget: budgetLeft })));
      posted += result.posted;
      if (result.claimed > 0) continue;
      if (result.nextDueInMs === null || result.nextDueInMs > MAX_WAIT_MS || result.blocked === "NEEDS_RECONNECT" || result.blocked === "DISCONNECTED") return { posted, rounds: round + 1 };
      // Inngest's durable waits have a resolution of one second (shorter ones are rounded up, with a warning).
      await step.sleep(`wait-${round}`, Math.max(1_000, result.nextDueInMs));
    }
    // Still busy after many rounds: a fresh run continues, so no run's history grows without end.
    await step.run("continue", () => runClassified(() => kickConnection({ tenantId: workspaceId }, { qboConnectionId, why: `continue:${event.id ?? ""}:${Date.now()}` })));
    return { posted, rounds: MAX_ROUNDS };
  },
);
