import { maintainQboConnections } from "./maintain-qbo-connections";
import { normaliseInboundEventFn } from "./normalise-inbound-event";
import { resendStuckOutbox } from "./resend-stuck-outbox";

/** Every function the app serves at /api/inngest. */
export const functions = [maintainQboConnections, resendStuckOutbox, normaliseInboundEventFn];
