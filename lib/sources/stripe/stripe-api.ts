import Stripe from "stripe";
import { AppError } from "../../errors/app-error";

// The one way the normaliser's shell talks to Stripe's API: the official client, pointed at `apiBase` (tests and
// the demo use a local stand-in), with the connection's restricted key; and the one place its errors become
// AppErrors, so fee and tax-rate lookups fail the same way.

export const DEFAULT_API_BASE = "https://api.stripe.com";
// Long enough for a slow list page, short enough that a hung connection fails the step and it is retried.
const TIMEOUT_MS = 20_000;

export function stripeClient(apiKey: string, apiBase: string): Stripe {
  const url = new URL(apiBase);
  const protocol = url.protocol === "http:" ? "http" : "https";
  return new Stripe(apiKey, {
    host: url.hostname,
    port: url.port || (protocol === "http" ? 80 : 443),
    protocol,
    maxNetworkRetries: 2,
    timeout: TIMEOUT_MS,
  });
}

/**
 * Classifies by Stripe's error class and HTTP status, never by message text. `what` names the object for
 * messages; `access` is the restricted key's permission the lookup needs ("Balance transactions", "Tax rates").
 */
export function asAppError(error: unknown, what: string, access: string): unknown {
  if (!(error instanceof Stripe.errors.StripeError)) return error;
  const details = { stripeRequestId: error.requestId, status: error.statusCode };
  if (error instanceof Stripe.errors.StripePermissionError) {
    return new AppError("VALIDATION_FAILED", `The restricted key for this Stripe connection was refused: give it read access to ${access}.`, details);
  }
  if (error instanceof Stripe.errors.StripeAuthenticationError) {
    return new AppError(
      "VALIDATION_FAILED",
      `The key for this Stripe connection was refused (it is wrong, expired or revoked): reconnect Stripe with a restricted key that can read ${access}.`,
      details,
    );
  }
  if (error instanceof Stripe.errors.StripeRateLimitError) {
    return new AppError("RATE_LIMITED", `Stripe is limiting requests for now; ${what} will be fetched again shortly.`, details);
  }
  if (error instanceof Stripe.errors.StripeConnectionError || error instanceof Stripe.errors.StripeAPIError || (error.statusCode ?? 0) >= 500) {
    return new AppError("UNAVAILABLE", `Stripe could not be reached for ${what}; it will be tried again.`, details);
  }
  if (error instanceof Stripe.errors.StripeInvalidRequestError) {
    return new AppError(
      "VALIDATION_FAILED",
      `Stripe could not find ${what} for this connection: check that its key belongs to the account, and the live or test mode, the events come from.`,
      details,
    );
  }
  return error;
}
