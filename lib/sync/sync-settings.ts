import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { auditActor, type ActorCtx } from "./actor-ctx";

// The workspace's sync choices: the approval threshold for holds (minor units; null holds nothing), how long a
// hold may wait, and what a duplicate document number does (6140). Audited.
export const SyncSettingsSchema = z
  .object({
    holdThresholdMinor: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).nullable().optional(),
    holdTimeoutHours: z.number().int().min(1).max(24 * 30).optional(),
    duplicateDocNumbers: z.enum(["ALLOW", "SUFFIX"]).optional(),
  })
  .strict();

export async function updateSyncSettings(ctx: ActorCtx, input: z.input<typeof SyncSettingsSchema>) {
  const parsed = SyncSettingsSchema.parse(input);
  return db.$transaction(async (tx) => {
    const select = { holdThresholdMinor: true, holdTimeoutHours: true, duplicateDocNumbers: true } as const;
    const before = await tx.workspace.findUniqueOrThrow({ where: { id: ctx.tenantId }, select });
    const after = await tx.workspace.update({
      where: { id: ctx.tenantId },
      data: { ...(parsed.holdThresholdMinor !== undefined ? { holdThresholdMinor: parsed.holdThresholdMinor === null ? null : BigInt(parsed.holdThresholdMinor) } : {}), ...(parsed.holdTimeoutHours ? { holdTimeoutHours: parsed.holdTimeoutHours } : {}), ...(parsed.duplicateDocNumbers ? { duplicateDocNumbers: parsed.duplicateDocNumbers } : {}) },
      select,
    });
    await recordAudit(tx, { ...auditActor(ctx), action: "workspace.sync_settings_changed", target: { type: "Workspace", id: ctx.tenantId }, before, after });
    return { holdThresholdMinor: after.holdThresholdMinor === null ? null : Number(after.holdThresholdMinor), holdTimeoutHours: after.holdTimeoutHours, duplicateDocNumbers: after.duplicateDocNumbers };
  });
}
