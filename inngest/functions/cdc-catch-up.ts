import { catchUpConnection, connectionsDue, type CatchUpMode } from "@/lib/listen-back";
import { logger } from "@/lib/log/logger";
import { classifyFailure, runClassified } from "@/lib/sync/classify-failure";
import { inngest } from "../client";

// The CDC catch-up (Intuit's advice: after any webhook gap, and once a day). Three schedules, one function:
// hourly for every company not caught up within the hour, daily looking back a whole day whatever the
// watermark, and every 10 minutes for companies with a webhook gap (posted to, and silent since). Each
// company is its own step; one that fails is logged and left to the next run, never holding the others. Its
// failure is classified (lib/sync/classify-failure.ts): a transient one is a warning, a permanent one (a fault
// QuickBooks will give again, an answer of the wrong shape) an error that says a person has to look.
export const HOURLY_CRON = "17 * * * *";
export const DAILY_CRON = "47 3 * * *";
export const GAP_CRON = "*/10 * * * *";

function modeOf(cron: unknown): CatchUpMode {
  if (cron === DAILY_CRON) return "daily";
  if (cron === HOURLY_CRON) return "hourly";
  return "gap";
}

export const cdcCatchUp = inngest.createFunction(
  { id: "cdc-catch-up", triggers: [{ cron: HOURLY_CRON }, { cron: DAILY_CRON }, { cron: GAP_CRON }], concurrency: { limit: 1 } },
  async ({ event, step }) => {
    const mode = modeOf((event.data as { cron?: unknown } | undefined)?.cron);
    const due = await step.run("find-connections-due", () => runClassified(() => connectionsDue(mode)));
    const results = [];
    for (const { workspaceId, qboConnectionId } of due) {
      // A company QuickBooks will not answer for now is left to the next run rather than failing the others.
      const result = await step.run(`catch-up-${qboConnectionId}`, () =>
        catchUpConnection({ tenantId: workspaceId }, { qboConnectionId, mode }).catch((error: unknown) => {
          const failure = classifyFailure(error);
          const fields = { err: error, workspaceId, qboConnectionId, mode, code: failure.code, kind: failure.kind };
          if (failure.retryable) logger.warn(fields, `CDC catch-up of QuickBooks connection ${qboConnectionId} failed (${failure.message}); the next run tries again`);
          else logger.error(fields, `CDC catch-up of QuickBooks connection ${qboConnectionId} failed and will fail the same way until someone looks: ${failure.message}`);
          return { status: "FAILED" as const, kind: failure.kind, code: failure.code, reason: failure.message };
        }),
      );
      results.push(result);
    }
    return { mode, connections: due.length, results };
  },
);
