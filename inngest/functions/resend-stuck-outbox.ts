import { dispatchOutbox } from "@/lib/jobs/dispatch";
import { runClassified } from "@/lib/sync/classify-failure";
import { inngest } from "../client";

// Every minute: send outbox events that have waited more than a minute (their kick was lost with the process, or
// Inngest was unreachable). Event ids are deterministic, so a row that was in fact delivered is deduplicated.
export const resendStuckOutbox = inngest.createFunction(
  { id: "resend-stuck-outbox", triggers: [{ cron: "* * * * *" }], concurrency: { limit: 1 } },
  async ({ step }) => step.run("dispatch-stuck-events", () => runClassified(() => dispatchOutbox({ stuckForMs: 60_000 }))),
);
