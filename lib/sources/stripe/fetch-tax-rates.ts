import type Stripe from "stripe";
import { asAppError, DEFAULT_API_BASE, stripeClient } from "./stripe-api";

export type FetchTaxRatesInput = {
  apiKey: string;
  /** Tax rates to retrieve (missingTaxRates(event)). */
  ids: string[];
  /** Where Stripe's API is; tests and the demo point it at a local server. */
  apiBase?: string;
};

/**
 * Fetches the tax rates an invoice names by id only, keyed by id, ready for `stripeToCanonical`'s context
 * (`taxRates`). Failures become AppErrors as balance-transaction lookups do (stripe-api.ts).
 */
export async function fetchTaxRates(input: FetchTaxRatesInput): Promise<Record<string, Stripe.TaxRate>> {
  const stripe = stripeClient(input.apiKey, input.apiBase ?? DEFAULT_API_BASE);
  const found: Record<string, Stripe.TaxRate> = {};
  for (const id of new Set(input.ids)) {
    try {
      found[id] = await stripe.taxRates.retrieve(id);
    } catch (error) {
      throw asAppError(error, `tax rate ${id}`, "Tax rates");
    }
  }
  return found;
}
