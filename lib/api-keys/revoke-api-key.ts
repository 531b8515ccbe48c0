import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { AppError } from "../errors/app-error";
import { auditedBy } from "../tenancy/actor";
import type { WorkspaceContext } from "../tenancy/with-workspace";
import { API_KEY_VIEW, type ApiKeyView } from "./api-key-view";

/**
 * Revokes a key of this workspace; the next request made with it is refused. Revoking a revoked key changes
 * nothing and writes no second audit entry, so a double click or a retried request is harmless. Another
 * workspace's key id answers NOT_FOUND, exactly as an id that does not exist.
 */
export async function revokeApiKey(ctx: WorkspaceContext, keyId: string): Promise<ApiKeyView> {
  return db.$transaction(async (tx) => {
    // The conditional update decides who revokes: of two concurrent calls only one matches `revokedAt: null`.
    const revoked = await tx.apiKey.updateMany({
      where: { id: keyId, workspaceId: ctx.tenantId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    const apiKey = await tx.apiKey.findFirst({ where: { id: keyId, workspaceId: ctx.tenantId }, select: API_KEY_VIEW });
    if (!apiKey) throw new AppError("NOT_FOUND", "There is no API key with that id in this workspace.");
    if (revoked.count === 1) {
      await recordAudit(tx, {
        ...auditedBy(ctx.tenantId, ctx.user, ctx),
        action: "api_key.revoked",
        target: { type: "ApiKey", id: apiKey.id },
        before: { name: apiKey.name, prefix: apiKey.prefix, scopes: apiKey.scopes, revokedAt: null },
        after: { name: apiKey.name, prefix: apiKey.prefix, scopes: apiKey.scopes, revokedAt: apiKey.revokedAt },
      });
    }
    return apiKey;
  });
}
