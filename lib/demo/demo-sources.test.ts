import { describe, expect, it } from "vitest";
import { getWebhookConnection } from "../sources/source-connection";
import { useTestDb } from "../../test/db";
import { DEMO_SHOPIFY_SOURCE, DEMO_STRIPE_SOURCE, seedDemoSources } from "./demo-sources";
import { seedDemo } from "./seed-demo";

describe("seedDemoSources", () => {
  const db = useTestDb();

  it("adds the demo Stripe and Shopify connections under their fixed ids once, with the demo secrets sealed", async () => {
    const { workspaceId } = await seedDemo(db);
    const results = await Promise.all([seedDemoSources(db), seedDemoSources(db)]); // two launchers racing
    expect(results.flatMap((r) => r.created).sort()).toEqual(["demo-shopify", "demo-stripe"]);
    expect(await seedDemoSources(db)).toEqual({ created: [] });

    const rows = await db.sourceConnection.findMany({ where: { workspaceId }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.id, r.kind, r.name, r.externalAccountId])).toEqual([
      ["demo-shopify", "SHOPIFY", "Shopify (demo)", DEMO_SHOPIFY_SOURCE.shopDomain],
      ["demo-stripe", "STRIPE", "Stripe (demo)", DEMO_STRIPE_SOURCE.accountId],
    ]);
    expect(rows.every((r) => r.secretsCiphertext && !r.secretsCiphertext.includes("not_a_secret"))).toBe(true);
    const stripe = await getWebhookConnection(DEMO_STRIPE_SOURCE.id, "STRIPE", { fresh: true });
    expect(stripe?.secrets).toEqual({ webhookSecrets: [DEMO_STRIPE_SOURCE.webhookSecret], apiKey: DEMO_STRIPE_SOURCE.apiKey });
    const shopify = await getWebhookConnection(DEMO_SHOPIFY_SOURCE.id, "SHOPIFY", { fresh: true });
    expect(shopify?.secrets).toEqual({ webhookSecrets: [DEMO_SHOPIFY_SOURCE.webhookSecret] });
  });
});
