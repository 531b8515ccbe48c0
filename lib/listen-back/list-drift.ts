import { z } from "zod";
import { db } from "../db";

// Drift found in a workspace, newest first, for the dashboard: what changed in QuickBooks on what Ledgerwire
// posted, with the exception it opened. Tenant-scoped in the query itself.

export const ListDriftInputSchema = z
  .object({
    kind: z.enum(["EDITED", "VOIDED", "DELETED"]).optional(),
    qboConnectionId: z.string().min(1).optional(),
    /** Only drift whose exception is still open. */
    openOnly: z.boolean().optional(),
    before: z.coerce.date().optional(),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict();
export type ListDriftInput = z.input<typeof ListDriftInputSchema>;

export type DriftView = {
  id: string;
  kind: "EDITED" | "VOIDED" | "DELETED";
  postingId: string;
  qboConnectionId: string;
  entityType: string;
  entityId: string;
  syncToken: string;
  changes: unknown;
  changedAt: Date | null;
  changedBy: string | null;
  intuitTid: string | null;
  detectedVia: string;
  detectedAt: Date;
  amountMinor: bigint;
  currency: string;
  exception: { id: string; code: string; status: string; message: string } | null;
};

export async function listDrift(ctx: { tenantId: string }, input: ListDriftInput = {}): Promise<DriftView[]> {
  const filters = ListDriftInputSchema.parse(input);
  const openIds = filters.openOnly
    ? (await db.syncException.findMany({ where: { workspaceId: ctx.tenantId, status: "OPEN", code: { startsWith: "QBO_DRIFT_" } }, select: { id: true } })).map((e) => e.id)
    : null;
  const rows = await db.postingDrift.findMany({
    where: {
      workspaceId: ctx.tenantId,
      ...(filters.kind ? { kind: filters.kind } : {}),
      ...(filters.qboConnectionId ? { qboConnectionId: filters.qboConnectionId } : {}),
      ...(filters.before ? { detectedAt: { lt: filters.before } } : {}),
      ...(openIds ? { syncExceptionId: { in: openIds } } : {}),
    },
    orderBy: [{ detectedAt: "desc" }, { id: "desc" }],
    take: filters.limit,
    include: { posting: { select: { amountMinor: true, currency: true } } },
  });
  const exceptionIds = rows.map((r) => r.syncExceptionId).filter((id): id is string => id !== null);
  const exceptions = await db.syncException.findMany({ where: { workspaceId: ctx.tenantId, id: { in: exceptionIds } }, select: { id: true, code: true, status: true, message: true } });
  const byId = new Map(exceptions.map((e) => [e.id, e]));
  return rows.map(({ posting, syncExceptionId, workspaceId: _workspaceId, ...row }) => ({
    ...row,
    amountMinor: posting.amountMinor,
    currency: posting.currency,
    exception: syncExceptionId ? (byId.get(syncExceptionId) ?? null) : null,
  }));
}
