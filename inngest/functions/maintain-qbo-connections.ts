import { refreshIdleConnections, warnBeforeExpiry } from "@/lib/qbo/token-upkeep";
import { runClassified } from "@/lib/sync/classify-failure";
import { inngest } from "../client";

// Hourly: keep idle QuickBooks connections alive, and warn admins 14 days before a refresh token expires.
export const maintainQboConnections = inngest.createFunction(
  { id: "maintain-qbo-connections", triggers: [{ cron: "0 * * * *" }], concurrency: { limit: 1 } },
  async ({ step }) => {
    const refresh = await step.run("refresh-idle-connections", () => runClassified(() => refreshIdleConnections()));
    const warnings = await step.run("warn-before-expiry", () => runClassified(() => warnBeforeExpiry()));
    return { ...refresh, ...warnings };
  },
);
