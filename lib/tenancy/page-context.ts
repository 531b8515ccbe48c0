import "server-only";
import { forbidden, notFound, redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "../auth/auth";
import { can, type Permission } from "../auth/permissions";
import type { SessionUser } from "../auth/session-user";
import { db } from "../db";
import { isPlainPathParam } from "../http/path-params";
import type { WorkspaceContext } from "./with-workspace";

/** The signed-in user of a page, or a redirect to sign-in. */
export async function requirePageUser(callbackUrl?: string): Promise<SessionUser> {
  const session = await auth();
  const id = session?.user?.id;
  const user = id ? await db.user.findUnique({ where: { id }, select: { id: true, email: true, name: true } }) : null;
  if (!user) redirect(callbackUrl ? `/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/sign-in");
  return user;
}

// The layout and the page of one request both ask; React's cache makes that one session and one membership read.
const findPageMembership = cache(async (slug: string) => {
  const user = await requirePageUser(`/w/${slug}`);
  const membership = await db.membership.findFirst({
    where: { userId: user.id, workspace: { slug } },
    select: { role: true, workspace: { select: { id: true, slug: true, name: true } } },
  });
  return { user, membership };
});

/** A workspace page's context: 404 for a workspace the user is not in, 403 for a page the role may not see. */
export async function requireWorkspacePage(slug: string, permission: Permission = "workspace.read"): Promise<Omit<WorkspaceContext, "requestId" | "ip">> {
  // A slug no workspace could have (a NUL, hundreds of characters) is a 404 page, not a query PostgreSQL refuses.
  if (!isPlainPathParam(slug)) notFound();
  const { user, membership } = await findPageMembership(slug);
  if (!membership) notFound();
  if (!can(membership.role, permission)) forbidden();
  return { tenantId: membership.workspace.id, workspace: membership.workspace, user, role: membership.role };
}
