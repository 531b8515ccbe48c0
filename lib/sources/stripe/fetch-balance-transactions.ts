import Stripe from "stripe";
import { AppError } from "../../errors/app-error";

const DEFAULT_API_BASE = "https://api.stripe.com";
// Long enough for a slow list page, short enough that a hung connection fails the step and it is retried.
const TIMEOUT_MS = 20_000;

export type FetchBalanceTransactionsInput = {
  apiKey: string;
  /** Balance transactions to retrieve one by one (missingBalanceTransactions(event).ids). */
  ids: string[];
  /** A payout whose balance transactions to list, every page of them. */
  payoutId?: string;
  /** Where Stripe's API is; tests and the demo point it at a local server. */
  apiBase?: string;
};

/**
 * Fetches the balance transactions an event needs, keyed by id, ready for `stripeToCanonical`'s context.
 * Failures become AppErrors: UNAVAILABLE or RATE_LIMITED when trying again later can help, VALIDATION_FAILED
 * with what to change when it cannot (a refused key, a transaction the account does not have).
 */
export async function fetchBalanceTransactions(input: FetchBalanceTransactionsInput): Promise<Record<string, Stripe.BalanceTransaction>> {
  const stripe = stripeClient(input.apiKey, input.apiBase ?? DEFAULT_API_BASE);
  const found: Record<string, Stripe.BalanceTransaction> = {};
  for (const id of new Set(input.ids)) {
    try {
      found[id] = await stripe.balanceTransactions.retrieve(id);
    } catch (error) {
      throw asAppError(error, `balance transaction ${id}`);
    }
  }
  if (input.payoutId) {
    try {
      // Auto-pagination follows `has_more` with `starting_after`, so a payout of thousands of charges is complete.
      for await (const bt of stripe.balanceTransactions.list({ payout: input.payoutId, limit: 100 })) found[bt.id] = bt;
    } catch (error) {
      throw asAppError(error, `the balance transactions of payout ${input.payoutId}`);
    }
  }
  return found;
}

function stripeClient(apiKey: string, apiBase: string): Stripe {
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

/** Classifies by Stripe's error class and HTTP status, never by message text. */
function asAppError(error: unknown, what: string): unknown {
  if (!(error instanceof Stripe.errors.StripeError)) return error;
  const details = { stripeRequestId: error.requestId, status: error.statusCode };
  if (error instanceof Stripe.errors.StripePermissionError) {
    return new AppError("VALIDATION_FAILED", "The restricted key for this Stripe connection was refused: give it read access to Balance transactions.", details);
  }
  if (error instanceof Stripe.errors.StripeAuthenticationError) {
    return new AppError(
      "VALIDATION_FAILED",
      "The key for this Stripe connection was refused (it is wrong, expired or revoked): reconnect Stripe with a restricted key that can read Balance transactions.",
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
