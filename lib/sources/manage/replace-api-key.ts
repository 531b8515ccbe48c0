import { recordAudit } from "../../audit/record-audit";
import { db } from "../../db";
import { env } from "../../env";
import { AppError } from "../../errors/app-error";
import { auditedBy } from "../../tenancy/actor";
import type { WorkspaceContext } from "../../tenancy/with-workspace";
import { checkStripeKey } from "./check-stripe-key";
import type { ConnectOptions } from "./connect-stripe";
import { assertNotDisconnected, lockSource, secretHint, storeSecrets } from "./source-secrets";
import { ReplaceApiKeySchema, type ReplaceApiKey } from "./source-inputs";

/**
 * Swaps a Stripe source's restricted key for a new one, checked against Stripe first exactly as on connecting.
 * There is one key at a time (Stripe keeps a rolled key valid for as long as you choose), so this is a swap,
 * not a rotation with two.
 */
export async function replaceApiKey(ctx: WorkspaceContext, sourceId: string, input: ReplaceApiKey, options: ConnectOptions = {}) {
  const { apiKey } = ReplaceApiKeySchema.parse(input);
  const kind = await db.sourceConnection.findFirst({ where: { id: sourceId, workspaceId: ctx.tenantId }, select: { kind: true } });
  if (!kind) throw new AppError("NOT_FOUND", "There is no source with that id in this workspace.");
  if (kind.kind !== "STRIPE") throw new AppError("CONFLICT", "Only Stripe sources hold an API key.");
  // Asked before the row is locked: Stripe may take a while to answer, and nothing else should wait for it.
  await checkStripeKey(apiKey, options.stripeApiBase ?? env().stripeApiBase);
  await db.$transaction(async (tx) => {
    const source = await lockSource(tx, ctx.tenantId, sourceId);
    assertNotDisconnected(source);
    await storeSecrets(tx, source.id, { ...source.secrets, apiKey });
    await recordAudit(tx, {
      ...auditedBy(ctx.tenantId, ctx.user, ctx),
      action: "source.connection.api_key_replaced",
      target: { type: "SourceConnection", id: source.id },
      before: { key: source.secrets.apiKey ? secretHint(source.secrets.apiKey) : null },
      after: { key: secretHint(apiKey) },
    });
  });
  return { key: secretHint(apiKey) };
}
