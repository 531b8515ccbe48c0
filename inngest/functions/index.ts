import { maintainQboConnections } from "./maintain-qbo-connections";

/** Every function the app serves at /api/inngest. */
export const functions = [maintainQboConnections];
