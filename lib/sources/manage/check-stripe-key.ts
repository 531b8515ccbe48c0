import Stripe from "stripe";
import { AppError } from "../../errors/app-error";
import { stripeClient } from "../stripe/stripe-api";

// Before a restricted key is saved, Stripe is asked with it for what the normaliser will later read: one balance
// transaction (fees, payouts) and one tax rate (taxed invoices). A list of one is the cheapest read of each, and
// it succeeds on an account that has none yet. A key Stripe does not know is refused whole; a key missing a
// permission is refused naming each missing one, in the words of Stripe's key editor.

export type StripeAccess = { permission: string; neededFor: string };

export const STRIPE_KEY_ACCESS: readonly (StripeAccess & { read: (stripe: Stripe) => Promise<unknown> })[] = [
  { permission: "Balance", neededFor: "each payment's fees and each payout", read: (stripe) => stripe.balanceTransactions.list({ limit: 1 }) },
  { permission: "Tax rates", neededFor: "the tax rates of taxed invoices", read: (stripe) => stripe.taxRates.list({ limit: 1 }) },
];

export type StripeKeyCheck = { mode: "live" | "test" };

/** Throws a 422 tied to the apiKey field saying what is wrong, or 503 when Stripe cannot be reached. */
export async function checkStripeKey(apiKey: string, apiBase: string): Promise<StripeKeyCheck> {
  const stripe = stripeClient(apiKey, apiBase);
  const outcomes = await Promise.all(STRIPE_KEY_ACCESS.map((access) => access.read(stripe).then(() => null, (error: unknown) => ({ access, error }))));
  const failures = outcomes.filter((o): o is NonNullable<typeof o> => o !== null);

  if (failures.some((f) => f.error instanceof Stripe.errors.StripeAuthenticationError)) {
    throw keyRefused("Stripe does not accept this key: it is wrong, expired or revoked, or from another account. Copy it again from Developers › API keys.");
  }
  const missing = failures.filter((f) => f.error instanceof Stripe.errors.StripePermissionError).map((f) => f.access);
  if (missing.length > 0) {
    const list = missing.map((a) => `${a.permission} (for ${a.neededFor})`).join(" and ");
    const names = missing.map((a) => a.permission).join(" and ");
    throw keyRefused(`This key cannot read ${list}. In Stripe, edit the key and set ${names} to Read, then paste it again.`, {
      missing: missing.map((a) => a.permission),
    });
  }
  const other = failures[0];
  if (other) {
    const status = other.error instanceof Stripe.errors.StripeError ? other.error.statusCode : undefined;
    throw new AppError("UNAVAILABLE", "Stripe could not be reached to check the key, so nothing was saved. Try again in a moment.", {
      retryable: true,
      ...(status ? { stripeStatus: status } : {}),
    });
  }
  return { mode: apiKey.startsWith("rk_live_") ? "live" : "test" };
}

function keyRefused(message: string, extra: Record<string, unknown> = {}): AppError {
  return new AppError("VALIDATION_FAILED", message, { errors: [{ path: "apiKey", message }], ...extra });
}
