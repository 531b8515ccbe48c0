import { open } from "../../crypto";
import { sealedAt } from "../../crypto/contexts";
import { db } from "../../db";
import { env } from "../../env";
import { SourceSecretsSchema } from "../source-connection";
import { readSourceActivity, type SourceActivity } from "./source-activity";
import { secretHint } from "./source-secrets";

export type SourceView = {
  id: string;
  kind: "STRIPE" | "SHOPIFY" | "API";
  name: string;
  externalAccountId: string | null;
  status: "ACTIVE" | "PAUSED" | "DISCONNECTED";
  /** Where the source sends its webhooks: this is what goes into Stripe's or Shopify's settings. */
  webhookUrl: string;
  /** Hints of the signing secrets that verify, newest first; empty while a Stripe secret is awaited. */
  signing: string[];
  awaitingWebhookSecret: boolean;
  rotationStartedAt: Date | null;
  /** Stripe: the restricted key's hint and mode. */
  apiKey: { hint: string; mode: "live" | "test" } | null;
  pausedAt: Date | null;
  disconnectedAt: Date | null;
  createdAt: Date;
  qboCompany: { id: string; companyName: string; environment: string; status: string } | null;
  activity: SourceActivity;
};

export function webhookUrlFor(kind: string, id: string, appUrl = env().appUrl): string {
  return `${appUrl}/api/webhooks/${kind.toLowerCase()}/${encodeURIComponent(id)}`;
}

/**
 * The workspace's Stripe and Shopify sources as the Sources page shows them: live ones first, then disconnected.
 * Secrets are opened only to make their hints here; no secret leaves this function.
 */
export async function listSources(ctx: { tenantId: string }, options: { appUrl?: string } = {}): Promise<SourceView[]> {
  const rows = await db.sourceConnection.findMany({
    where: { workspaceId: ctx.tenantId, kind: { in: ["STRIPE", "SHOPIFY"] } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      kind: true,
      name: true,
      externalAccountId: true,
      status: true,
      secretsCiphertext: true,
      awaitingWebhookSecret: true,
      rotationStartedAt: true,
      pausedAt: true,
      disconnectedAt: true,
      createdAt: true,
      qboConnection: { select: { id: true, companyName: true, environment: true, status: true } },
    },
  });
  const activity = await readSourceActivity(rows.map((r) => ({ id: r.id, kind: r.kind })));
  const views = rows.map(({ secretsCiphertext, qboConnection, ...row }): SourceView => {
    const secrets = secretsCiphertext ? SourceSecretsSchema.parse(JSON.parse(open(secretsCiphertext, sealedAt.sourceSecrets(row.id)))) : null;
    return {
      ...row,
      webhookUrl: webhookUrlFor(row.kind, row.id, options.appUrl),
      signing: secrets && !row.awaitingWebhookSecret ? secrets.webhookSecrets.map(secretHint) : [],
      apiKey: secrets?.apiKey ? { hint: secretHint(secrets.apiKey), mode: secrets.apiKey.startsWith("rk_live_") || secrets.apiKey.startsWith("sk_live_") ? "live" : "test" } : null,
      qboCompany: qboConnection,
      activity: activity.get(row.id) ?? { lastDelivery: null, refusals: [] },
    };
  });
  return [...views.filter((v) => v.status !== "DISCONNECTED"), ...views.filter((v) => v.status === "DISCONNECTED")];
}
