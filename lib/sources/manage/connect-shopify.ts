import { db } from "../../db";
import { AppError } from "../../errors/app-error";
import { auditedBy } from "../../tenancy/actor";
import type { WorkspaceContext } from "../../tenancy/with-workspace";
import { createSourceConnection } from "../create-source-connection";
import { resolveQboCompany } from "./qbo-company";
import { ConnectShopifySchema, type ConnectShopify } from "./source-inputs";

/**
 * Saves a Shopify source: the shop's myshopify.com domain (deliveries for another shop are refused) and the
 * secret Shopify signs its webhooks with. Shopify gives no way to check the secret before a webhook arrives, so
 * "Send a test event" is the check. One live connection per shop and workspace: a second would store every
 * order twice under two connections.
 */
export async function connectShopify(ctx: WorkspaceContext, input: ConnectShopify) {
  const { name, shopDomain, webhookSecret, qboConnectionId } = ConnectShopifySchema.parse(input);
  const existing = await db.sourceConnection.findFirst({
    where: { workspaceId: ctx.tenantId, kind: "SHOPIFY", externalAccountId: shopDomain, status: { not: "DISCONNECTED" } },
    select: { name: true },
  });
  if (existing) {
    const message = `${shopDomain} is already connected here as “${existing.name}”.`;
    throw new AppError("CONFLICT", message, { errors: [{ path: "shopDomain", message }] });
  }
  const company = await resolveQboCompany(db, ctx.tenantId, qboConnectionId);
  const { workspaceId, actor, requestId, ip } = auditedBy(ctx.tenantId, ctx.user, ctx);
  return createSourceConnection(
    { tenantId: workspaceId, actor, requestId, ip },
    { kind: "SHOPIFY", name, externalAccountId: shopDomain, secrets: { webhookSecrets: [webhookSecret] }, qboConnectionId: company },
  );
}
