import { cdcCatchUp } from "./cdc-catch-up";
import { drainPostingsFn } from "./drain-postings";
import { maintainQboConnections } from "./maintain-qbo-connections";
import { normaliseInboundEventFn } from "./normalise-inbound-event";
import { planCanonicalEventFn } from "./plan-canonical-event";
import { readBackNotificationFn } from "./read-back-notification";
import { resendStuckOutbox } from "./resend-stuck-outbox";
import { resumeConnectionFn } from "./resume-connection";
import { sweepStrandedEventsFn } from "./sweep-stranded-events";

/** Every function the app serves at /api/inngest. */
export const functions = [maintainQboConnections, resendStuckOutbox, sweepStrandedEventsFn, normaliseInboundEventFn, planCanonicalEventFn, drainPostingsFn, readBackNotificationFn, cdcCatchUp, resumeConnectionFn];
