import { rolesWith } from "../auth/permissions";
import { db } from "../db";
import { AppError } from "../errors/app-error";
import { auditedBy } from "../tenancy/actor";
import type { WorkspaceContext } from "../tenancy/with-workspace";

// What every mapping function takes first: the tenant and the person, from the session (never the body).
export type MappingCtx = Pick<WorkspaceContext, "tenantId" | "user"> &
  Partial<Pick<WorkspaceContext, "requestId" | "ip">> & {
    /** Who the audit log names when it is not the person (the demo seed acts as the system, for its owner). */
    actor?: { type: "SYSTEM"; label: string };
  };

/** The audit fields of a mapping change: the person, or the system acting for them. */
export function mappingAudit(ctx: MappingCtx) {
  const base = auditedBy(ctx.tenantId, ctx.user, ctx);
  return ctx.actor ? { ...base, actor: ctx.actor } : base;
}

/** The author recorded on a version: nobody when the system saved it. */
export function authorOf(ctx: MappingCtx): string | null {
  return ctx.actor ? null : ctx.user.id;
}

export const NO_CONNECTION = "Connect QuickBooks first: mappings point at the accounts of a connected QuickBooks company.";

/**
 * The workspace's QuickBooks connection a mapping belongs to (the given one, else the most recently connected
 * one that is not disconnected). With `edit`, the person must hold mappings.edit: checked inside the query, so a
 * forgotten check fails closed.
 */
export async function findMappingConnection(ctx: MappingCtx, input: { qboConnectionId?: string; edit?: boolean }) {
  const membership = input.edit ? { memberships: { some: { userId: ctx.user.id, role: { in: rolesWith("mappings.edit") } } } } : { memberships: { some: { userId: ctx.user.id } } };
  const connection = await db.qboConnection.findFirst({
    where: { workspaceId: ctx.tenantId, workspace: membership, ...(input.qboConnectionId ? { id: input.qboConnectionId } : { status: { not: "DISCONNECTED" } }) },
    orderBy: { connectedAt: "desc" },
    select: { id: true, realmId: true, companyName: true, homeCurrency: true, multicurrencyEnabled: true, status: true },
  });
  if (!connection) {
    // Say why: a role that may not edit gets that sentence rather than a misleading "connect first".
    const mayEdit = await db.membership.count({ where: { workspaceId: ctx.tenantId, userId: ctx.user.id, role: { in: rolesWith("mappings.edit") } } });
    if (input.edit && mayEdit === 0) {
      throw new AppError("FORBIDDEN", "Your role in this workspace does not allow changing its mappings.");
    }
    if (input.qboConnectionId) throw new AppError("NOT_FOUND", "There is no such QuickBooks connection in this workspace.");
    throw new AppError("CONFLICT", NO_CONNECTION, { reason: "NO_QBO_CONNECTION" });
  }
  return connection;
}

export type MappingConnection = Awaited<ReturnType<typeof findMappingConnection>>;
