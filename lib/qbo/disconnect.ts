import { recordAudit } from "../audit/record-audit";
import { open } from "../crypto";
import { db } from "../db";
import { AppError } from "../errors/app-error";
import { logger } from "../log/logger";
import { auditedBy } from "../tenancy/actor";
import type { WorkspaceContext } from "../tenancy/with-workspace";
import { qboApp } from "./endpoints";
import { revokeToken } from "./intuit-oauth";
import { refreshContext } from "./token-manager";

/**
 * Disconnect: revoke the grant at Intuit, then erase the tokens. The row stays (DISCONNECTED) with its history,
 * so postings and audit entries keep pointing at it and a later Reconnect picks it up again.
 */
export async function disconnectConnection(ctx: WorkspaceContext, connectionId: string) {
  const connection = await db.qboConnection.findFirst({ where: { id: connectionId, workspaceId: ctx.tenantId } });
  if (!connection) throw new AppError("NOT_FOUND", "There is no such QuickBooks connection in this workspace.");
  if (connection.status === "DISCONNECTED") return connection;

  let revokedAtIntuit = false;
  const app = qboApp(connection.environment);
  if (app && connection.refreshTokenCiphertext) {
    try {
      await revokeToken(app, open(connection.refreshTokenCiphertext, refreshContext(connection.id)));
      revokedAtIntuit = true;
    } catch (error) {
      // Intuit unreachable: the tokens are erased here all the same, so Ledgerwire can no longer use them.
      logger.warn({ err: error, connectionId }, "revoking a QuickBooks grant at Intuit failed; tokens erased locally");
    }
  }
  return db.$transaction(async (tx) => {
    const updated = await tx.qboConnection.update({
      where: { id: connection.id },
      data: { status: "DISCONNECTED", disconnectedAt: new Date(), accessTokenCiphertext: null, refreshTokenCiphertext: null, tokenKeyId: null, accessTokenExpiresAt: null },
    });
    await recordAudit(tx, {
      ...auditedBy(ctx.tenantId, ctx.user, ctx),
      action: "qbo.connection.disconnected",
      target: { type: "QboConnection", id: connection.id },
      before: { status: connection.status },
      after: { status: "DISCONNECTED", revokedAtIntuit },
    });
    return updated;
  });
}
