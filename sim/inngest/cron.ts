import { Cron } from "croner";

// Cron triggers. Inngest accepts five-field expressions with an optional "TZ=Area/City " prefix; occurrences are
// found in (last tick, now], so a tick driven by a test behaves like one driven by the wall clock. Occurrences
// missed while the executor was down are not back-filled (Inngest does not either).

export type CronSchedule = { functionId: string; expression: string; cron: Cron };

export function parseCron(functionId: string, expression: string): CronSchedule {
  const match = /^TZ=(\S+)\s+(.+)$/.exec(expression.trim());
  const timezone = match?.[1];
  const pattern = match?.[2] ?? expression.trim();
  return { functionId, expression, cron: new Cron(pattern, { paused: true, timezone, mode: "5-part" }) };
}

/** The latest scheduled time after `from` and at or before `to`, if any. */
export function latestOccurrence(schedule: CronSchedule, from: number, to: number): Date | undefined {
  const [latest] = schedule.cron.previousRuns(1, new Date(to + 1));
  return latest && latest.getTime() > from ? latest : undefined;
}
