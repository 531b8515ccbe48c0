import { z } from "zod";

// What people type on the Sources page, checked in the browser before sending and again by the handlers (the
// check that counts). Kept apart from the domain functions so the browser bundle never pulls in the database.

const name = z.string({ error: "Give the source a name." }).trim().min(1, "Give the source a name.").max(80, "Keep the name to 80 characters or fewer.");
// Optional everywhere: with exactly one connected QuickBooks company it is the default (choose-qbo-connection.ts).
const qboConnectionId = z.string().trim().min(1).max(64).nullish();

/** Why a pasted Stripe key is not one to store, in words; null when it looks like a restricted key. */
export function stripeKeyProblem(key: string): string | null {
  if (key.startsWith("sk_")) return "This is a secret key (sk_…), which can do anything in your Stripe account. Create a restricted key (rk_…) with read access only, and paste that.";
  if (key.startsWith("pk_")) return "This is a publishable key (pk_…), which cannot read fees. Create a restricted key (rk_…) and paste that.";
  if (!/^rk_(live|test)_[A-Za-z0-9_]{8,}$/.test(key)) return "A Stripe restricted key starts with rk_live_ or rk_test_ (Developers › API keys › Create restricted key).";
  return null;
}

/** A Stripe restricted key; secret and publishable keys are refused with the reason, before Stripe is asked. */
export const StripeApiKeySchema = z
  .string({ error: "Paste the restricted key from Stripe." })
  .trim()
  .min(1, "Paste the restricted key from Stripe.")
  .max(255, "That is longer than any Stripe key.")
  .superRefine((key, ctx) => {
    const problem = key.length > 0 ? stripeKeyProblem(key) : null;
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

/** Stripe shows it on the endpoint's page once the endpoint exists ("Signing secret", whsec_…). */
export const StripeWebhookSecretSchema = z
  .string({ error: "Paste the signing secret from Stripe." })
  .trim()
  .min(1, "Paste the signing secret from Stripe.")
  .regex(/^whsec_[A-Za-z0-9_]{8,200}$/, "A Stripe signing secret starts with whsec_ (Stripe shows it on the endpoint's page).");

/** The Shopify app's client secret (or the signing key Shopify shows under Settings › Notifications › Webhooks). */
export const ShopifyWebhookSecretSchema = z
  .string({ error: "Paste the webhook secret from Shopify." })
  .trim()
  .min(1, "Paste the webhook secret from Shopify.")
  .regex(/^[A-Za-z0-9_-]{16,200}$/, "That does not look like a Shopify secret: it is at least 16 letters, digits, - or _.");

export const ShopDomainSchema = z
  .string({ error: "Give the shop's myshopify.com domain." })
  .trim()
  .toLowerCase()
  .transform((value) => value.replace(/^https?:\/\//, "").replace(/\/.*$/, ""))
  .pipe(z.string().regex(/^[a-z0-9][a-z0-9-]{0,60}\.myshopify\.com$/, "Give the shop's myshopify.com domain, like acme.myshopify.com (not its own domain)."));

export const ConnectStripeSchema = z.object({ name, apiKey: StripeApiKeySchema, qboConnectionId }).strict();
export type ConnectStripe = z.infer<typeof ConnectStripeSchema>;

export const ConnectShopifySchema = z.object({ name, shopDomain: ShopDomainSchema, webhookSecret: ShopifyWebhookSecretSchema, qboConnectionId }).strict();
export type ConnectShopify = z.infer<typeof ConnectShopifySchema>;

/** The first signing secret of a Stripe connection, or the new one that starts a rotation. Checked per kind later. */
export const AddWebhookSecretSchema = z.object({ secret: z.string({ error: "Paste the new secret." }).trim().min(1, "Paste the new secret.").max(255) }).strict();
export type AddWebhookSecret = z.infer<typeof AddWebhookSecretSchema>;

export const ReplaceApiKeySchema = z.object({ apiKey: StripeApiKeySchema }).strict();
export type ReplaceApiKey = z.infer<typeof ReplaceApiKeySchema>;

export const UpdateSourceSchema = z
  .object({ name: name.optional(), qboConnectionId })
  .strict()
  .refine((input) => input.name !== undefined || input.qboConnectionId !== undefined, "Nothing to change: give a name or a QuickBooks company.");
export type UpdateSource = z.infer<typeof UpdateSourceSchema>;
