import { runClassified } from "@/lib/sync/classify-failure";
import { kickConnection } from "@/lib/sync/kick-connection";
import { inngest } from "../client";
import { eventTypes } from "../events";

// A company connected, or reconnected after its token was lost: the postings that waited for it (a drainer finds
// a connection needing reconnect and leaves them PENDING) go out now, not when the sweep next notices them.
// The kick is keyed by the connect, so a repeated event drains once.
export const resumeConnectionFn = inngest.createFunction(
  { id: "resume-connection", triggers: [eventTypes["qbo/connection.connected"]], retries: 5 },
  async ({ event, step }) =>
    step.run("kick-drainer", () =>
      runClassified(async () => {
        const { workspaceId, connectionId } = event.data;
        await kickConnection({ tenantId: workspaceId }, { qboConnectionId: connectionId, why: `connected:${event.id ?? ""}` });
        return { kicked: connectionId };
      }),
    ),
);
