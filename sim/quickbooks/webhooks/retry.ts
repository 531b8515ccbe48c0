// When QuickBooks tries a failed webhook delivery again: about 10 s, 20 s, 30 s, 5 min, 20 min, 2 h, 4 h,
// then every 6 h. Intuit does not say when it gives up; the simulator stops after three days of 6-hourly
// retries and marks the delivery "failed", so a dead endpoint cannot hold an app's queue forever.

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

const FIRST_RETRIES = [10 * SECOND, 20 * SECOND, 30 * SECOND, 5 * MINUTE, 20 * MINUTE, 2 * HOUR, 4 * HOUR] as const;
const LATER_RETRY = 6 * HOUR;
const LATER_RETRIES = 12; // 3 days of 6-hourly tries

/** The first send plus every retry. */
export const MAX_ATTEMPTS = 1 + FIRST_RETRIES.length + LATER_RETRIES;

/** How long to wait after the `failedAttempts`-th failure (1-based), or null when it is time to give up. */
export function retryDelayMs(failedAttempts: number): number | null {
  if (failedAttempts >= MAX_ATTEMPTS) return null;
  return FIRST_RETRIES[failedAttempts - 1] ?? LATER_RETRY;
}
