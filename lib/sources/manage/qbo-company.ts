import { recordAudit } from "../../audit/record-audit";
import { db } from "../../db";
import type { Prisma } from "../../db/generated/client";
import { AppError } from "../../errors/app-error";

// A source posts into one QuickBooks company. It is chosen with the source, from the workspace's companies that
// are CONNECTED at that moment; with exactly one, that one is the default. Later the company may need a
// reconnect (tokens expired): the choice stands, and posting waits for the reconnect rather than moving to
// another company, which would split one source's books across two.

export type QboChoice = { id: string; companyName: string; environment: "SANDBOX" | "PRODUCTION" };

/** The companies a source can be pointed at now, newest first. */
export async function listQboChoices(ctx: { tenantId: string }): Promise<QboChoice[]> {
  return db.qboConnection.findMany({
    where: { workspaceId: ctx.tenantId, status: "CONNECTED" },
    orderBy: { connectedAt: "desc" },
    select: { id: true, companyName: true, environment: true },
  });
}

/**
 * The company a new or edited source will post into: the one asked for (it must be this workspace's and
 * connected), none when `null` is asked for, or by default the only connected one. Several and none asked for is
 * a 422 on the field, because guessing would post a business's sales into the wrong books.
 */
export async function resolveQboCompany(tx: Prisma.TransactionClient, tenantId: string, requested: string | null | undefined): Promise<string | null> {
  if (requested === null) return null;
  const connected = await tx.qboConnection.findMany({ where: { workspaceId: tenantId, status: "CONNECTED" }, select: { id: true } });
  if (requested === undefined) {
    if (connected.length <= 1) return connected[0]?.id ?? null;
    throw fieldError("This workspace has several QuickBooks companies: choose the one this source posts into.");
  }
  if (!connected.some((c) => c.id === requested)) throw fieldError("Choose one of this workspace's connected QuickBooks companies.");
  return requested;
}

function fieldError(message: string): AppError {
  return new AppError("VALIDATION_FAILED", message, { errors: [{ path: "qboConnectionId", message }] });
}

export type PostingTarget =
  | { post: true; qboConnectionId: string }
  | { post: false; reason: "NOT_FOUND" | "DISCONNECTED" | "PAUSED" | "NO_COMPANY"; message: string };

/**
 * Where the sync pipeline posts a source's events, and whether it should now. A paused source's events are
 * stored and normalised as usual but wait here, unposted, until it is resumed (see pause in set-source-status.ts).
 * A source saved before companies were chosen (the demo seed, rows older than the column) with no company and
 * exactly one connected in its workspace adopts that one, once, audited: the same default connecting applies.
 * `workspaceId`, when given, scopes the lookup so one tenant's event can never resolve another's source.
 */
export async function postingTargetForSource(sourceConnectionId: string, workspaceId?: string): Promise<PostingTarget> {
  const source = await db.sourceConnection.findFirst({
    where: { id: sourceConnectionId, ...(workspaceId ? { workspaceId } : {}) },
    select: { id: true, status: true, workspaceId: true, qboConnection: { select: { id: true, status: true, workspaceId: true } } },
  });
  if (!source) return { post: false, reason: "NOT_FOUND", message: "The source these events came from no longer exists." };
  if (source.status === "DISCONNECTED") return { post: false, reason: "DISCONNECTED", message: "The source these events came from was disconnected." };
  if (source.status === "PAUSED") return { post: false, reason: "PAUSED", message: "The source is paused: its events are kept and posted when it is resumed." };
  const company = source.qboConnection ?? (await adoptOnlyCompany(source.id, source.workspaceId));
  if (!company || company.workspaceId !== source.workspaceId || company.status === "DISCONNECTED") {
    return { post: false, reason: "NO_COMPANY", message: "Choose the QuickBooks company this source posts into (Settings › Sources)." };
  }
  return { post: true, qboConnectionId: company.id };
}

async function adoptOnlyCompany(sourceId: string, workspaceId: string) {
  const connected = await db.qboConnection.findMany({ where: { workspaceId, status: "CONNECTED" }, select: { id: true, status: true, workspaceId: true }, take: 2 });
  const only = connected.length === 1 ? connected[0]! : null;
  if (!only) return null;
  return db.$transaction(async (tx) => {
    // Only while still unset: a person's choice made meanwhile wins.
    const adopted = await tx.sourceConnection.updateMany({ where: { id: sourceId, workspaceId, qboConnectionId: null }, data: { qboConnectionId: only.id } });
    if (adopted.count === 1) {
      await recordAudit(tx, {
        workspaceId,
        actor: { type: "SYSTEM", label: "only QuickBooks company" },
        action: "source.connection.updated",
        target: { type: "SourceConnection", id: sourceId },
        before: { qboConnectionId: null },
        after: { qboConnectionId: only.id },
      });
      return only;
    }
    const chosen = await tx.sourceConnection.findUnique({ where: { id: sourceId }, select: { qboConnection: { select: { id: true, status: true, workspaceId: true } } } });
    return chosen?.qboConnection ?? null;
  });
}

/** The QuickBooks company a source posts into, or null (none chosen, that company disconnected, or the source gone or paused). */
export async function qboConnectionIdForSource(sourceConnectionId: string, workspaceId?: string): Promise<string | null> {
  const target = await postingTargetForSource(sourceConnectionId, workspaceId);
  return target.post ? target.qboConnectionId : null;
}
