import type { Role } from "../db/generated/enums";

/** What a person's sync operation takes: the tenant, the person and role (from the session), the request. */
export type ActorCtx = { tenantId: string; user: { id: string; email: string }; role: Role; requestId?: string | null; ip?: string | null };

export function auditActor(ctx: ActorCtx) {
  return { workspaceId: ctx.tenantId, actor: { type: "USER" as const, id: ctx.user.id, label: ctx.user.email }, requestId: ctx.requestId, ip: ctx.ip };
}
