import type { Role } from "../db/generated/enums";
import { db } from "../db";
import { can, type Permission } from "../auth/permissions";
import { getSessionUser, type SessionUser } from "../auth/session-user";
import { AppError } from "../errors/app-error";
import { errorToResponse } from "../errors/http";
import { assertPlainPathParams } from "../http/path-params";
import { assertSameOrigin } from "./assert-same-origin";
import { requestMeta, type RequestMeta } from "./request-meta";

/** What every workspace-scoped handler receives: the tenant is always present and always the caller's own. */
export type WorkspaceContext = RequestMeta & {
  tenantId: string;
  workspace: { id: string; slug: string; name: string };
  user: SessionUser;
  role: Role;
};

type RouteContext<P> = { params: Promise<P> };
type Handler<P> = (request: Request, ctx: WorkspaceContext, params: P) => Promise<Response>;

export const NOT_A_MEMBER = "There is no such workspace, or you are not a member of it.";

/** For routes that need a signed-in user but no workspace (creating one, accepting an invitation). */
export function withUser<P>(handler: (request: Request, user: SessionUser & RequestMeta, params: P) => Promise<Response>) {
  return async (request: Request, route: RouteContext<P>): Promise<Response> => {
    try {
      const user = await getSessionUser(request);
      if (!user) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
      assertSameOrigin(request);
      const params = await route.params;
      assertPlainPathParams(params);
      return await handler(request, { ...user, ...requestMeta(request) }, params);
    } catch (error) {
      return errorToResponse(error);
    }
  };
}

/**
 * The one wrapper for workspace routes (`/api/w/[slug]/...`): on top of withUser (session, same-origin writes,
 * errors mapped to HTTP) it resolves the workspace and the role from the database and checks the permission.
 * A workspace the user does not belong to answers 404, exactly as one that does not exist, so ids leak nothing.
 */
export function withWorkspace<P extends { slug: string }>(permission: Permission, handler: Handler<P>) {
  return withUser<P>(async (request, { requestId, ip, ...user }, params) => {
    const membership = await db.membership.findFirst({
      where: { userId: user.id, workspace: { slug: params.slug } },
      select: { role: true, workspace: { select: { id: true, slug: true, name: true } } },
    });
    if (!membership) throw new AppError("NOT_FOUND", NOT_A_MEMBER);
    if (!can(membership.role, permission)) throw new AppError("FORBIDDEN", "Your role in this workspace does not allow this.");
    return handler(request, { requestId, ip, tenantId: membership.workspace.id, workspace: membership.workspace, user, role: membership.role }, params);
  });
}
