import type { SessionUser } from "../auth/session-user";
import type { RequestMeta } from "./request-meta";

/** What every audit entry made by a signed-in person in a workspace shares: where, who, and which request. */
export function auditedBy(workspaceId: string, user: Pick<SessionUser, "id" | "email">, meta?: Partial<RequestMeta>) {
  return { workspaceId, actor: { type: "USER" as const, id: user.id, label: user.email }, requestId: meta?.requestId, ip: meta?.ip };
}
