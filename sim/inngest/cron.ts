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

/** Every occurrence of `schedule` after `from` up to and including `to`. */
export function occurrences(schedule: CronSchedule, from: number, to: number, max = 10_000): Date[] {
  const out: Date[] = [];
  let next = schedule.cron.nextRun(new Date(from));
  while (next && next.getTime() <= to && out.length < max) {
    out.push(next);
    next = schedule.cron.nextRun(next);
  }
  return out;
}
