import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { qboReconnectEmail } from "../mail/templates";
import { connectionsUrl, notifyAdmins } from "./notify-admins";

export const RECONNECT_EXCEPTION = "QBO_RECONNECT_REQUIRED";

/**
 * After Intuit refused the refresh token (the row is already NEEDS_RECONNECT): one open exception a finance
 * person can act on, an audit entry, and an email to the workspace's admins.
 */
export async function markNeedsReconnect(connectionId: string): Promise<void> {
  const connection = await db.qboConnection.findUniqueOrThrow({ where: { id: connectionId }, include: { workspace: { select: { id: true, slug: true, name: true } } } });
  const { workspace } = connection;
  const open = await db.syncException.findFirst({ where: { qboConnectionId: connectionId, code: RECONNECT_EXCEPTION, status: "OPEN" }, select: { id: true } });
  if (open) return; // already reported; one exception and one email per outage
  await db.$transaction(async (tx) => {
    await tx.syncException.create({
      data: {
        workspaceId: workspace.id,
        qboConnectionId: connectionId,
        code: RECONNECT_EXCEPTION,
        message: `QuickBooks no longer accepts Ledgerwire's access to ${connection.companyName}. An admin must reconnect it on the Connections page; nothing is posted to it until then.`,
        details: { realmId: connection.realmId, environment: connection.environment },
      },
    });
    await recordAudit(tx, {
      workspaceId: workspace.id,
      actor: { type: "SYSTEM", label: "token manager" },
      action: "qbo.connection.needs_reconnect",
      target: { type: "QboConnection", id: connectionId },
      after: { status: "NEEDS_RECONNECT", reason: "invalid_grant" },
    });
  });
  await notifyAdmins(workspace.id, qboReconnectEmail({ url: connectionsUrl(workspace.slug), workspaceName: workspace.name, companyName: connection.companyName }));
}
