import { recordAudit } from "../audit/record-audit";
import { seal } from "../crypto";
import { sealedAt } from "../crypto/contexts";
import { db, type Db } from "../db";
import type { SourceKind } from "../db/generated/enums";
import type { AuditInput } from "../audit/record-audit";
import { forgetWebhookConnection, SourceSecretsSchema, type SourceSecrets } from "./source-connection";

export type CreateSourceConnectionInput = {
  /** A fixed id (the demo's connections, whose webhook URLs must not change); a new cuid by default. */
  id?: string;
  kind: SourceKind;
  name: string;
  /** Stripe account id (acct_…) or Shopify shop domain (example.myshopify.com). */
  externalAccountId?: string;
  secrets: SourceSecrets;
  /** The QuickBooks company the source posts into (already checked to be this workspace's, connected). */
  qboConnectionId?: string | null;
  /** A Stripe connection saved before its signing secret exists (see the schema's comment on the column). */
  awaitingWebhookSecret?: boolean;
};

export type SourceConnectionContext = { tenantId: string; actor: AuditInput["actor"]; requestId?: string | null; ip?: string | null };

/**
 * Connects a Stripe or Shopify account to a workspace. The signing secrets and API key are sealed (envelope
 * encryption bound to this row) before they reach the database; the audit entry names the connection, never
 * the secrets. `client` is for launchers that seed a database other than this process's own (the e2e run).
 */
export async function createSourceConnection(ctx: SourceConnectionContext, input: CreateSourceConnectionInput, client: Db = db) {
  const secrets = SourceSecretsSchema.parse(input.secrets);
  return client.$transaction(async (tx) => {
    const row = await tx.sourceConnection.create({
      data: {
        id: input.id,
        workspaceId: ctx.tenantId,
        kind: input.kind,
        name: input.name,
        externalAccountId: input.externalAccountId ?? null,
        qboConnectionId: input.qboConnectionId ?? null,
        awaitingWebhookSecret: input.awaitingWebhookSecret ?? false,
      },
      select: { id: true, workspaceId: true, kind: true, name: true, externalAccountId: true, status: true, qboConnectionId: true, createdAt: true },
    });
    const sealed = seal(JSON.stringify(secrets), sealedAt.sourceSecrets(row.id));
    await tx.sourceConnection.update({ where: { id: row.id }, data: { secretsCiphertext: sealed.ciphertext, secretsKeyId: sealed.keyId } });
    await recordAudit(tx, {
      workspaceId: ctx.tenantId,
      actor: ctx.actor,
      action: "source.connection.created",
      target: { type: "SourceConnection", id: row.id },
      after: { kind: row.kind, name: row.name, externalAccountId: row.externalAccountId, qboConnectionId: row.qboConnectionId },
      requestId: ctx.requestId,
      ip: ctx.ip,
    });
    forgetWebhookConnection(row.id);
    return row;
  });
}
