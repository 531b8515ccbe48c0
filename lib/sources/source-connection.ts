import { z } from "zod";
import { open } from "../crypto";
import { sealedAt } from "../crypto/contexts";
import { db } from "../db";
import type { SourceKind } from "../db/generated/enums";

// A Stripe or Shopify connection as a webhook route needs it: which workspace it belongs to and the secrets
// that verify its signatures. Opening the envelope costs a key unwrap, and a busy store sends many webhooks a
// second, so connections are cached briefly in this process. Rotation keeps the old secret valid next to the
// new one (webhookSecrets holds both), so the TTL never refuses a correctly signed delivery.

export const SourceSecretsSchema = z
  .object({
    /** Signing secrets, newest first: two while a secret is being rotated. */
    webhookSecrets: z.array(z.string().min(8)).min(1).max(5),
    /** Stripe: a restricted key with read access to balance transactions and tax rates, used to fetch fees and invoice tax rates. */
    apiKey: z.string().min(8).optional(),
  })
  .strict();
export type SourceSecrets = z.infer<typeof SourceSecretsSchema>;

export type WebhookConnection = {
  id: string;
  workspaceId: string;
  kind: SourceKind;
  status: "ACTIVE" | "PAUSED" | "DISCONNECTED";
  externalAccountId: string | null;
  secrets: SourceSecrets;
};

const TTL_MS = 10_000;
// Short for misses, so a connection created a moment after a stray request is usable at once.
const MISS_TTL_MS = 1_000;
const cache = new Map<string, { value: WebhookConnection | null; expiresAt: number }>();

/** The connection, or null when there is none of that kind with that id (or it is disconnected). */
export async function getWebhookConnection(id: string, kind: SourceKind, options: { fresh?: boolean } = {}): Promise<WebhookConnection | null> {
  const cached = cache.get(id);
  if (!options.fresh && cached && cached.expiresAt > Date.now()) return cached.value?.kind === kind ? cached.value : null;
  const row = /^[A-Za-z0-9_-]{1,64}$/.test(id)
    ? await db.sourceConnection.findUnique({
        where: { id },
        select: { id: true, workspaceId: true, kind: true, status: true, externalAccountId: true, secretsCiphertext: true },
      })
    : null;
  const value: WebhookConnection | null =
    row && row.status !== "DISCONNECTED" && row.secretsCiphertext
      ? { ...row, secrets: SourceSecretsSchema.parse(JSON.parse(open(row.secretsCiphertext, sealedAt.sourceSecrets(row.id)))) }
      : null;
  cache.set(id, { value, expiresAt: Date.now() + (value ? TTL_MS : MISS_TTL_MS) });
  if (cache.size > 10_000) cache.clear(); // forged ids must not grow memory without bound
  return value?.kind === kind ? value : null;
}

/** After a secret is rotated or a connection changed in this process. */
export function forgetWebhookConnection(id: string): void {
  cache.delete(id);
}
