import { logger } from "@/lib/log/logger";
import { events, type EventData, type EventName } from "./events";

type Failure = { event: { data: { function_id: string; run_id: string; event: { id?: string; data?: unknown } } }; error: Error };

/**
 * For `onFailure` handlers: the failed run's trigger data, parsed with its schema, so the tenant and ids a
 * handler marks failed are checked rather than cast (a cast `workspaceId` of undefined would drop the tenant
 * from a Prisma `where`). Data that does not parse names no row to mark: it is logged, with the run and the
 * event to look up, and undefined is returned.
 */
export function failedEventData<N extends EventName>(name: N, failure: Failure): EventData<N> | undefined {
  const parsed = events[name].safeParse(failure.event.data.event.data);
  if (parsed.success) return parsed.data as EventData<N>;
  const { function_id: functionId, run_id: runId, event } = failure.event.data;
  logger.error(
    { functionId, runId, eventId: event.id, eventName: name, issues: parsed.error.issues, err: failure.error },
    `A ${name} event with data Ledgerwire cannot read failed for good (${failure.error.message}); no record was marked failed. Look the run up in the job executor by its id; the event was not sent by this app's outbox, which validates what it writes.`,
  );
  return undefined;
}
