import { recordAudit } from "../audit/record-audit";
import { can } from "../auth/permissions";
import type { SessionUser } from "../auth/session-user";
import { randomUUID } from "node:crypto";
import { db } from "../db";
import { kickDispatcher } from "../jobs/dispatch";
import { enqueueEvent, outboxEventId } from "../jobs/outbox";
import type { RequestMeta } from "../tenancy/request-meta";
import { readCompanyFacts } from "./company-facts";
import { consumeConnectState } from "./connect-state";
import { qboApp } from "./endpoints";
import { exchangeCode, revokeToken } from "./intuit-oauth";
import { RECONNECT_EXCEPTION } from "./mark-needs-reconnect";
import { sealedTokenColumns } from "./token-manager";
import { recordUsage } from "./usage";

// The end of Connect: Intuit sent the browser back with code, state and realmId. The state is used up first
// (forged, replayed or expired ones stop here), the code is exchanged once, the company's name and currency are
// read, and the connection is stored with its tokens sealed, in the same transaction as the
// "qbo/connection.connected" event that starts its background work. A company connected to another workspace is refused.

export type ConnectOutcome =
  | { kind: "connected" | "reconnected"; slug: string; connectionId: string; companyName: string }
  | { kind: "cancelled" | "forbidden"; slug: string }
  | { kind: "taken"; slug: string; companyName: string };

export async function completeConnect(user: SessionUser, callbackUrl: URL, meta: RequestMeta): Promise<ConnectOutcome> {
  const params = callbackUrl.searchParams;
  const state = await consumeConnectState(params.get("state"), user.id);
  const membership = await db.membership.findUnique({ where: { workspaceId_userId: { workspaceId: state.workspaceId, userId: user.id } }, include: { workspace: { select: { slug: true } } } });
  if (!membership) return { kind: "forbidden", slug: "" };
  const slug = membership.workspace.slug;
  // The role is read again: it may have changed while the user was at Intuit.
  if (!can(membership.role, "connections.manage")) return { kind: "forbidden", slug };
  if (params.get("error")) return { kind: "cancelled", slug };

  const realmId = params.get("realmId");
  const app = qboApp(state.environment);
  if (!realmId || !/^\d{1,32}$/.test(realmId) || !app) return { kind: "cancelled", slug };
  const tokens = await exchangeCode(app, callbackUrl.toString());
  const calls = { reads: 0, writes: 0 };
  const facts = await readCompanyFacts(app, realmId, tokens.accessToken, calls);

  const result = await db.$transaction(async (tx) => {
    // Two workspaces finishing Connect for one company at once: the second waits here and then sees the first.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`qbo-realm:${state.environment}:${realmId}`}))`;
    const elsewhere = await tx.qboConnection.findFirst({
      where: { environment: state.environment, realmId, workspaceId: { not: state.workspaceId }, status: { not: "DISCONNECTED" } },
      select: { id: true },
    });
    if (elsewhere) return null;
    const existing = await tx.qboConnection.findUnique({ where: { workspaceId_environment_realmId: { workspaceId: state.workspaceId, environment: state.environment, realmId } } });
    const common = { companyName: facts.companyName, homeCurrency: facts.homeCurrency, multicurrencyEnabled: facts.multicurrencyEnabled, status: "CONNECTED" as const, connectedById: user.id, connectedAt: new Date(), disconnectedAt: null, lastRefreshedAt: new Date(), lastSuccessfulCallAt: new Date(), lastErrorCode: null, lastErrorMessage: null, rollingExpiryWarnedAt: null, hardExpiryWarnedAt: null };
    const id = existing?.id ?? `qbc_${randomUUID().replaceAll("-", "")}`;
    const connection = existing
      ? await tx.qboConnection.update({ where: { id }, data: { ...common, ...sealedTokenColumns(id, tokens) } })
      : await tx.qboConnection.create({ data: { id, workspaceId: state.workspaceId, environment: state.environment, realmId, ...common, ...sealedTokenColumns(id, tokens) } });
    if (existing) {
      await tx.syncException.updateMany({ where: { qboConnectionId: id, code: RECONNECT_EXCEPTION, status: "OPEN" }, data: { status: "RESOLVED", resolvedById: user.id, resolvedAt: new Date(), resolution: "Reconnected." } });
    }
    await recordAudit(tx, {
      workspaceId: state.workspaceId,
      actor: { type: "USER", id: user.id, label: user.email },
      action: existing ? "qbo.connection.reconnected" : "qbo.connection.connected",
      target: { type: "QboConnection", id },
      before: existing ? { status: existing.status } : undefined,
      after: { status: "CONNECTED", environment: state.environment, realmId, companyName: facts.companyName, homeCurrency: facts.homeCurrency },
      requestId: meta.requestId,
      ip: meta.ip,
    });
    // One event per connect: a reconnect stamps a new connectedAt, so it starts the work again.
    await enqueueEvent(tx, {
      id: outboxEventId("qbo/connection.connected", id, String(connection.connectedAt.getTime())),
      name: "qbo/connection.connected",
      workspaceId: state.workspaceId,
      data: { workspaceId: state.workspaceId, connectionId: id, realmId },
    });
    return { connection, reconnected: Boolean(existing) };
  });

  // The card's "reads · writes today" must agree with what QuickBooks metered for the company, Connect's own reads included.
  if (result) await recordUsage(result.connection.id, "read", calls.reads);

  if (!result) {
    // Not ours to keep: give the grant back to Intuit so it does not linger.
    await revokeToken(app, tokens.refreshToken).catch(() => undefined);
    return { kind: "taken", slug, companyName: facts.companyName };
  }
  kickDispatcher();
  return { kind: result.reconnected ? "reconnected" : "connected", slug, connectionId: result.connection.id, companyName: facts.companyName };
}
