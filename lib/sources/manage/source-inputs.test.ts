import { describe, expect, it } from "vitest";
import { ConnectShopifySchema, ConnectStripeSchema, ShopDomainSchema, stripeKeyProblem } from "./source-inputs";
import { secretHint } from "./source-secrets";

// What the Sources forms accept, checked in the browser and again by the handlers with the same schemas.

describe("Stripe keys", () => {
  it.each([
    ["rk_live_51Habcdefghijkl", null],
    ["rk_test_ledgerwire_demo_not_a_secret", null],
    ["sk_live_51Habcdefghijkl", /secret key \(sk_…\), which can do anything/],
    ["pk_test_51Habcdefghijkl", /publishable key/],
    ["rk_prod_51Habcdefghijkl", /starts with rk_live_ or rk_test_/],
    ["whsec_abcdefghijkl", /starts with rk_live_ or rk_test_/],
  ])("%s", (key, problem) => {
    if (problem === null) expect(stripeKeyProblem(key)).toBeNull();
    else expect(stripeKeyProblem(key)).toMatch(problem);
  });

  it("reports one sentence per field, trimmed input, and refuses unknown fields", () => {
    const empty = ConnectStripeSchema.safeParse({ name: " ", apiKey: "" });
    expect(empty.success ? [] : empty.error.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["name", "Give the source a name."],
      ["apiKey", "Paste the restricted key from Stripe."],
    ]);
    expect(ConnectStripeSchema.parse({ name: " Stripe ", apiKey: " rk_live_51Habcdefghijkl\n" })).toEqual({ name: "Stripe", apiKey: "rk_live_51Habcdefghijkl" });
    expect(ConnectStripeSchema.safeParse({ name: "Stripe", apiKey: "rk_live_51Habcdefghijkl", workspaceId: "other" }).success).toBe(false);
  });
});

describe("Shopify", () => {
  it.each([
    ["acme.myshopify.com", "acme.myshopify.com"],
    ["https://Acme-Outdoor.myshopify.com/admin/settings", "acme-outdoor.myshopify.com"],
    [" acme.myshopify.com ", "acme.myshopify.com"],
  ])("takes %s as %s", (given, domain) => expect(ShopDomainSchema.parse(given)).toBe(domain));

  it.each(["acme.com", "myshopify.com", "acme.myshopify.com.evil.test", "-acme.myshopify.com"])("refuses %s, asking for the myshopify.com domain", (given) => {
    const parsed = ShopDomainSchema.safeParse(given);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/myshopify\.com domain/);
  });

  it("needs a secret of at least 16 characters", () => {
    const parsed = ConnectShopifySchema.safeParse({ name: "Shop", shopDomain: "acme.myshopify.com", webhookSecret: "short" });
    expect(parsed.error?.issues.map((i) => i.path.join("."))).toEqual(["webhookSecret"]);
  });
});

describe("secret hints", () => {
  it("keep the known prefix and the last four characters only", () => {
    expect(secretHint("whsec_0123456789abcdefWXYZ")).toBe("whsec_…WXYZ");
    expect(secretHint("rk_live_0123456789abcd1234")).toBe("rk_live_…1234");
    expect(secretHint("0123456789abcdef0123456789abcdef")).toBe("…cdef");
  });
});
