import type { Db } from "../db/create-client";
import { Prisma } from "../db/generated/client";
import { DEMO_WORKSPACE_SLUG } from "./seed-demo";

// The demo workspace's Stripe and Shopify connections, fed by the demo source (sim/sources) in `npm run dev`.
// Their ids are fixed so the webhook URLs the demo source posts to (/api/webhooks/stripe/demo-stripe, …) never
// change. The secrets below are NOT secrets: they only open the local demo (the demo source signs with them, the
// Stripe stand-in accepts only this key), and no real Stripe or Shopify account knows them.

export const DEMO_STRIPE_SOURCE = {
  id: "demo-stripe",
  name: "Stripe (demo)",
  accountId: "acct_1LedgerwireDemo01",
  webhookSecret: "whsec_ledgerwire_demo_not_a_secret",
  apiKey: "rk_test_ledgerwire_demo_not_a_secret",
} as const;

export const DEMO_SHOPIFY_SOURCE = {
  id: "demo-shopify",
  name: "Shopify (demo)",
  shopDomain: "acme-outdoor-demo.myshopify.com",
  webhookSecret: "shpss_ledgerwire_demo_not_a_secret",
} as const;

/**
 * Creates the two demo connections in the demo workspace when they are missing (run it after seedDemo; without
 * the workspace it does nothing). Safe to run on every start and from two launchers at once. Pass `client` to
 * seed another database than this process's own (the launchers do).
 */
export async function seedDemoSources(client?: Db): Promise<{ created: string[] }> {
  // Loaded here, not at the top: the launchers import the constants above before they have validated the
  // environment, and the app's database module reads it as soon as it is imported.
  const { createSourceConnection } = await import("../sources/create-source-connection");
  const database = client ?? (await import("../db")).db;
  const workspace = await database.workspace.findUnique({ where: { slug: DEMO_WORKSPACE_SLUG }, select: { id: true } });
  if (!workspace) return { created: [] };

  const wanted = [
    { id: DEMO_STRIPE_SOURCE.id, kind: "STRIPE", name: DEMO_STRIPE_SOURCE.name, externalAccountId: DEMO_STRIPE_SOURCE.accountId, secrets: { webhookSecrets: [DEMO_STRIPE_SOURCE.webhookSecret], apiKey: DEMO_STRIPE_SOURCE.apiKey } },
    { id: DEMO_SHOPIFY_SOURCE.id, kind: "SHOPIFY", name: DEMO_SHOPIFY_SOURCE.name, externalAccountId: DEMO_SHOPIFY_SOURCE.shopDomain, secrets: { webhookSecrets: [DEMO_SHOPIFY_SOURCE.webhookSecret] } },
  ] as const;
  const present = await database.sourceConnection.findMany({ where: { id: { in: wanted.map((w) => w.id) } }, select: { id: true } });
  const created: string[] = [];
  for (const input of wanted) {
    if (present.some((row) => row.id === input.id)) continue;
    try {
      await createSourceConnection(
        { tenantId: workspace.id, actor: { type: "SYSTEM", label: "demo seed" } },
        { ...input, secrets: { ...input.secrets, webhookSecrets: [...input.secrets.webhookSecrets] } },
        database,
      );
      created.push(input.id);
    } catch (error) {
      // Another launcher created it a moment ago: what we wanted exists.
      if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    }
  }
  return { created };
}
