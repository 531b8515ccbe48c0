import { recordAudit } from "../../audit/record-audit";
import { db } from "../../db";
import { AppError } from "../../errors/app-error";
import { auditedBy } from "../../tenancy/actor";
import type { WorkspaceContext } from "../../tenancy/with-workspace";
import { assertNotDisconnected, lockSource, secretHint, storeSecrets } from "./source-secrets";
import { AddWebhookSecretSchema, ShopifyWebhookSecretSchema, StripeWebhookSecretSchema, type AddWebhookSecret } from "./source-inputs";

// Rotation without a gap: the new secret is added in front of the old (webhookSecrets is newest first and every
// one verifies), the sender is switched over (Stripe's "Roll secret" keeps the old one valid for a while too),
// and only then does "finish rotation" drop the old ones. Deliveries signed with either are accepted meanwhile.

// As many as SourceSecretsSchema holds (lib/sources/source-connection.ts): the newest and up to four being retired.
const MAX_WEBHOOK_SECRETS = 5;

/**
 * A Stripe connection's first signing secret (it was saved waiting for it), or a new secret that starts (or
 * continues) a rotation. Audited with hints only.
 */
export async function addWebhookSecret(ctx: WorkspaceContext, sourceId: string, input: AddWebhookSecret) {
  const { secret: raw } = AddWebhookSecretSchema.parse(input);
  return db.$transaction(async (tx) => {
    const source = await lockSource(tx, ctx.tenantId, sourceId);
    assertNotDisconnected(source);
    const secret = parseSecret(source.kind, raw);
    const before = source.awaitingWebhookSecret ? [] : source.secrets.webhookSecrets.map(secretHint);
    const audit = { ...auditedBy(ctx.tenantId, ctx.user, ctx), target: { type: "SourceConnection", id: source.id } };

    if (source.awaitingWebhookSecret) {
      await storeSecrets(tx, source.id, { ...source.secrets, webhookSecrets: [secret] }, { awaitingWebhookSecret: false });
      await recordAudit(tx, { ...audit, action: "source.connection.secret_set", before: { signing: before }, after: { signing: [secretHint(secret)] } });
      return { rotating: false };
    }
    if (source.secrets.webhookSecrets.includes(secret)) throw secretError("This secret is already one this source accepts: paste the new one.", "CONFLICT");
    if (source.secrets.webhookSecrets.length >= MAX_WEBHOOK_SECRETS) {
      throw secretError(`This source already accepts ${MAX_WEBHOOK_SECRETS} secrets: finish the rotation before adding another.`, "CONFLICT");
    }
    const webhookSecrets = [secret, ...source.secrets.webhookSecrets];
    await storeSecrets(tx, source.id, { ...source.secrets, webhookSecrets }, { rotationStartedAt: source.rotationStartedAt ?? new Date() });
    await recordAudit(tx, { ...audit, action: "source.connection.rotation_started", before: { signing: before }, after: { signing: webhookSecrets.map(secretHint) } });
    return { rotating: true };
  });
}

/** Keeps only the newest secret: deliveries signed with the old ones are refused from now on. */
export async function finishRotation(ctx: WorkspaceContext, sourceId: string) {
  return db.$transaction(async (tx) => {
    const source = await lockSource(tx, ctx.tenantId, sourceId);
    assertNotDisconnected(source);
    const [newest, ...old] = source.secrets.webhookSecrets;
    if (!newest || old.length === 0) throw new AppError("CONFLICT", "No rotation is in progress: this source accepts one secret.");
    await storeSecrets(tx, source.id, { ...source.secrets, webhookSecrets: [newest] }, { rotationStartedAt: null });
    await recordAudit(tx, {
      ...auditedBy(ctx.tenantId, ctx.user, ctx),
      action: "source.connection.rotation_finished",
      target: { type: "SourceConnection", id: source.id },
      before: { signing: source.secrets.webhookSecrets.map(secretHint), since: source.rotationStartedAt },
      after: { signing: [secretHint(newest)] },
    });
    return { dropped: old.length };
  });
}

function parseSecret(kind: string, raw: string): string {
  const schema = kind === "STRIPE" ? StripeWebhookSecretSchema : kind === "SHOPIFY" ? ShopifyWebhookSecretSchema : null;
  if (!schema) throw new AppError("CONFLICT", "The events API has no signing secret: it authenticates with API keys (Settings › API keys).");
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw secretError(parsed.error.issues[0]?.message ?? "That secret is not valid.", "VALIDATION_FAILED");
  return parsed.data;
}

function secretError(message: string, code: "CONFLICT" | "VALIDATION_FAILED"): AppError {
  return new AppError(code, message, { errors: [{ path: "secret", message }] });
}
