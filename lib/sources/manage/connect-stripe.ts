import { env } from "../../env";
import { db } from "../../db";
import { auditedBy } from "../../tenancy/actor";
import type { WorkspaceContext } from "../../tenancy/with-workspace";
import { createSourceConnection } from "../create-source-connection";
import { checkStripeKey } from "./check-stripe-key";
import { resolveQboCompany } from "./qbo-company";
import { unsetWebhookSecret } from "./source-secrets";
import { ConnectStripeSchema, type ConnectStripe } from "./source-inputs";

export type ConnectOptions = { stripeApiBase?: string };

/**
 * Saves a Stripe source once Stripe has accepted its restricted key. It is saved before its signing secret,
 * which Stripe shows only after the endpoint (whose URL names this connection) exists; until the secret is
 * pasted, deliveries are refused 401 and Stripe keeps retrying them, so none is lost and none is accepted unsigned.
 */
export async function connectStripe(ctx: WorkspaceContext, input: ConnectStripe, options: ConnectOptions = {}) {
  const { name, apiKey, qboConnectionId } = ConnectStripeSchema.parse(input);
  // The company first: a missing choice is cheaper to report than a round trip to Stripe.
  const company = await resolveQboCompany(db, ctx.tenantId, qboConnectionId);
  await checkStripeKey(apiKey, options.stripeApiBase ?? env().stripeApiBase);
  const { workspaceId, actor, requestId, ip } = auditedBy(ctx.tenantId, ctx.user, ctx);
  return createSourceConnection(
    { tenantId: workspaceId, actor, requestId, ip },
    { kind: "STRIPE", name, secrets: { webhookSecrets: [unsetWebhookSecret()], apiKey }, qboConnectionId: company, awaitingWebhookSecret: true },
  );
}
