import { db } from "../db";
import type { SyncCtx } from "./plan-event";
import { openException } from "./open-exception";

/** Planning kept failing (the database, a bug): the event is FAILED with an exception, never silently dropped. */
export async function failPlanning(ctx: SyncCtx, input: { canonicalEventId: string; reason: string }): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.canonicalEvent.updateMany({ where: { id: input.canonicalEventId, workspaceId: ctx.tenantId, status: "PENDING" }, data: { status: "FAILED" } });
    if (count === 0) return;
    await openException(tx, {
      workspaceId: ctx.tenantId,
      canonicalEventId: input.canonicalEventId,
      code: "PLAN_FAILED",
      message: `This event could not be planned after several attempts: ${input.reason}`,
      suggestedFix: "Retry this exception; if it fails again, report it to Ledgerwire with the event's id.",
    });
  });
}
