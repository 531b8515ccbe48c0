import type Stripe from "stripe";
import { asAppError, DEFAULT_API_BASE, stripeClient } from "./stripe-api";

const ACCESS = "Balance transactions";

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
      throw asAppError(error, `balance transaction ${id}`, ACCESS);
    }
  }
  if (input.payoutId) {
    try {
      // Auto-pagination follows `has_more` with `starting_after`, so a payout of thousands of charges is complete.
      for await (const bt of stripe.balanceTransactions.list({ payout: input.payoutId, limit: 100 })) found[bt.id] = bt;
    } catch (error) {
      throw asAppError(error, `the balance transactions of payout ${input.payoutId}`, ACCESS);
    }
  }
  return found;
}
