import { db } from "../db";
import { kickDispatcher } from "../jobs/dispatch";
import { enqueueKick, type SyncCtx } from "./plan-event";

/** Asks the company's drainer to run (after an approval, a retry, or to continue a long drain). */
export async function kickConnection(ctx: SyncCtx, input: { qboConnectionId: string; why: string }): Promise<void> {
  await db.$transaction((tx) => enqueueKick(tx, ctx.tenantId, input.qboConnectionId, input.why));
  kickDispatcher();
}
