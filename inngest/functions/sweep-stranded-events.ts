import { dispatchOutbox } from "@/lib/jobs/dispatch";
import { sweepStrandedEvents, sweepWaitingPostings } from "@/lib/jobs/sweep-stranded-events";
import { runClassified } from "@/lib/sync/classify-failure";
import { inngest } from "../client";

// Every minute: inbound events still RECEIVED after the grace period (their run was lost by whatever accepted
// it) are dispatched again under a new event id, and given up on with an exception after the last try; canonical
// events never planned after the grace period get the same (tries counted, then an exception), companies with
// postings nobody drains get a kick, and holds past their timeout become exceptions.
export const sweepStrandedEventsFn = inngest.createFunction(
  { id: "sweep-stranded-events", triggers: [{ cron: "* * * * *" }], concurrency: { limit: 1 } },
  async ({ step }) => {
    const swept = await step.run("sweep-stranded-events", () => runClassified(() => sweepStrandedEvents()));
    const waiting = await step.run("sweep-waiting-postings", () => runClassified(() => sweepWaitingPostings()));
    // The new outbox rows go out now rather than a minute later with the stuck re-send.
    const dispatched = swept.redispatched + waiting.canonical + waiting.kicked > 0 ? await step.run("dispatch-redispatched-events", () => runClassified(() => dispatchOutbox())) : { sent: 0, failed: 0 };
    return { ...swept, ...waiting, ...dispatched };
  },
);
