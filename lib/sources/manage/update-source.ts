import { recordAudit } from "../../audit/record-audit";
import { db } from "../../db";
import { AppError } from "../../errors/app-error";
import { auditedBy } from "../../tenancy/actor";
import type { WorkspaceContext } from "../../tenancy/with-workspace";
import { resolveQboCompany } from "./qbo-company";
import { UpdateSourceSchema, type UpdateSource } from "./source-inputs";

/**
 * Renames a source or points it at another of the workspace's connected QuickBooks companies. A new company
 * applies to what is posted from now on; what was posted stays where it is.
 */
export async function updateSource(ctx: WorkspaceContext, sourceId: string, input: UpdateSource) {
  const parsed = UpdateSourceSchema.parse(input);
  return db.$transaction(async (tx) => {
    const before = await tx.sourceConnection.findFirst({
      where: { id: sourceId, workspaceId: ctx.tenantId },
      select: { id: true, name: true, status: true, qboConnectionId: true },
    });
    if (!before) throw new AppError("NOT_FOUND", "There is no source with that id in this workspace.");
    if (before.status === "DISCONNECTED") throw new AppError("CONFLICT", "This source is disconnected: connect it again as a new source instead.");
    const qboConnectionId = parsed.qboConnectionId === undefined ? before.qboConnectionId : await resolveQboCompany(tx, ctx.tenantId, parsed.qboConnectionId);
    const after = await tx.sourceConnection.update({
      where: { id: before.id },
      data: { name: parsed.name ?? before.name, qboConnectionId },
      select: { id: true, name: true, qboConnectionId: true },
    });
    if (after.name !== before.name || after.qboConnectionId !== before.qboConnectionId) {
      await recordAudit(tx, {
        ...auditedBy(ctx.tenantId, ctx.user, ctx),
        action: "source.connection.updated",
        target: { type: "SourceConnection", id: before.id },
        before: { name: before.name, qboConnectionId: before.qboConnectionId },
        after: { name: after.name, qboConnectionId: after.qboConnectionId },
      });
    }
    return after;
  });
}
