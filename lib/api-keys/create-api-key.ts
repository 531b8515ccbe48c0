import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { auditedBy } from "../tenancy/actor";
import type { WorkspaceContext } from "../tenancy/with-workspace";
import { generateApiKey } from "./api-key-token";
import { API_KEY_VIEW, type ApiKeyView } from "./api-key-view";
import { CreateApiKeySchema, type CreateApiKey } from "./create-api-key-schema";

export type CreatedApiKey = { apiKey: ApiKeyView; key: string };

/**
 * Creates a workspace API key and returns it in full, this once: only its SHA-256 is stored, so nobody (us
 * included) can show it again. The audit entry commits with the key and records its name, prefix and scopes,
 * never the key.
 */
export async function createApiKey(ctx: WorkspaceContext, input: CreateApiKey): Promise<CreatedApiKey> {
  const { name, scopes, expiresAt: expiry } = CreateApiKeySchema.parse(input);
  const expiresAt = expiry ? new Date(expiry) : null;
  const { key, keyHash, prefix } = generateApiKey();
  const apiKey = await db.$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: { workspaceId: ctx.tenantId, name, prefix, keyHash, scopes, createdById: ctx.user.id, expiresAt },
      select: API_KEY_VIEW,
    });
    await recordAudit(tx, {
      ...auditedBy(ctx.tenantId, ctx.user, ctx),
      action: "api_key.created",
      target: { type: "ApiKey", id: created.id },
      after: { name: created.name, prefix: created.prefix, scopes: created.scopes, expiresAt: created.expiresAt },
    });
    return created;
  });
  return { apiKey, key };
}
