// Listening back to QuickBooks: notifications read back, the CDC catch-up, drift on what Ledgerwire posted.
export { readBackNotification, markReadBackFailed, type ListenBackCtx, type ReadBackResult } from "./read-back-notification";
export { catchUpConnection, CDC_ENTITIES, type CatchUpMode, type CatchUpResult } from "./catch-up-connection";
export { connectionsDue, type DueConnection } from "./connections-due";
export { listDrift, ListDriftInputSchema, type DriftView, type ListDriftInput } from "./list-drift";
export { compareWithPosting, type Comparison, type DriftChange } from "./compare-with-posting";
