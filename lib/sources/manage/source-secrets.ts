import { randomBytes } from "node:crypto";
import { open, seal } from "../../crypto";
import { sealedAt } from "../../crypto/contexts";
import type { Prisma } from "../../db/generated/client";
import { AppError } from "../../errors/app-error";
import { forgetWebhookConnection, SourceSecretsSchema, type SourceSecrets } from "../source-connection";

// Reading and rewriting a connection's sealed secrets for the Sources page. A secret is shown once, as typed,
// and never again: the page and the audit log get a hint (the prefix Stripe or Shopify gives it and its last
// four characters), which is enough to tell two secrets apart and leaks nothing usable.

/** Stands in for a Stripe signing secret not pasted yet: random, never shown, so nothing can be signed with it. */
export function unsetWebhookSecret(): string {
  return `unset_${randomBytes(32).toString("base64url")}`;
}

const PREFIXES = ["whsec_", "rk_live_", "rk_test_", "shpss_", "shpat_"];

export function secretHint(secret: string): string {
  const prefix = PREFIXES.find((p) => secret.startsWith(p)) ?? "";
  return `${prefix}…${secret.slice(-4)}`;
}

export type LockedSource = {
  id: string;
  workspaceId: string;
  kind: "STRIPE" | "SHOPIFY" | "API";
  name: string;
  status: "ACTIVE" | "PAUSED" | "DISCONNECTED";
  awaitingWebhookSecret: boolean;
  rotationStartedAt: Date | null;
  secrets: SourceSecrets | null;
};

/**
 * This workspace's connection, locked for the rest of the transaction (FOR UPDATE), with its secrets opened: two
 * rotations at once would otherwise each add their secret to the same old list and one would be lost. Another
 * workspace's id answers NOT_FOUND, exactly as one that does not exist.
 */
export async function lockSource(tx: Prisma.TransactionClient, tenantId: string, id: string): Promise<LockedSource> {
  const rows = await tx.$queryRaw<
    (Omit<LockedSource, "secrets"> & { secretsCiphertext: string | null })[]
  >`SELECT id, "workspaceId", kind::text AS kind, name, status::text AS status, "awaitingWebhookSecret", "rotationStartedAt", "secretsCiphertext"
    FROM "SourceConnection" WHERE id = ${id} AND "workspaceId" = ${tenantId} FOR UPDATE`;
  const row = rows[0];
  if (!row) throw new AppError("NOT_FOUND", "There is no source with that id in this workspace.");
  const { secretsCiphertext, ...rest } = row;
  const secrets = secretsCiphertext ? SourceSecretsSchema.parse(JSON.parse(open(secretsCiphertext, sealedAt.sourceSecrets(row.id)))) : null;
  return { ...rest, secrets };
}

/** Seals and stores new secrets (with any other column changes), and drops this process's cached copy. */
export async function storeSecrets(tx: Prisma.TransactionClient, id: string, secrets: SourceSecrets, data: Prisma.SourceConnectionUpdateInput = {}) {
  const sealed = seal(JSON.stringify(SourceSecretsSchema.parse(secrets)), sealedAt.sourceSecrets(id));
  await tx.sourceConnection.update({ where: { id }, data: { ...data, secretsCiphertext: sealed.ciphertext, secretsKeyId: sealed.keyId } });
  forgetWebhookConnection(id);
}

/** Refuses changes to a disconnected connection, whose secrets are erased. */
export function assertNotDisconnected(source: LockedSource): asserts source is LockedSource & { secrets: SourceSecrets } {
  if (source.status === "DISCONNECTED" || !source.secrets) {
    throw new AppError("CONFLICT", "This source is disconnected: connect it again as a new source instead.");
  }
}
