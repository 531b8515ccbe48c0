import type Stripe from "stripe";
import type { CanonicalEventInput, CanonicalKind } from "../../canonical";

/**
 * What the normaliser needs besides the event itself. It stays pure: the I/O shell fetches these first
 * (missingBalanceTransactions says which, fetchBalanceTransactions fetches them) and passes them in.
 */
export type StripeContext = {
  /**
   * Balance transactions by id. Charges and refunds carry only the id of theirs, so the shell fetches the ids
   * missingBalanceTransactions(event) names. For `payout.paid` this holds every balance transaction of the payout
   * (`balanceTransactions.list({ payout })`); an empty record means none were fetched, and the payout is booked
   * with gross = net and no fees.
   */
  balanceTransactions: Record<string, Stripe.BalanceTransaction>;
  /**
   * Tax rates by id. Since API version 2025-03-31.basil an invoice's taxes name their rate by id only, and the
   * percentage the ledger maps to a QuickBooks tax code lives on the rate. The shell fetches the ids
   * missingTaxRates(event) names; rates the payload carries in full are read from it (missing-tax-rates.ts).
   */
  taxRates?: Record<string, Stripe.TaxRate>;
  /**
   * The invoice each charge paid, by charge id. Before 2025-03-31.basil a charge named its invoice; since then
   * the link lives on InvoicePayment objects, which only the shell can look up. Without it an invoice's charge
   * would be booked as a separate sale.
   */
  chargeInvoices?: Record<string, string>;
};

/** The event fields every canonical event keeps: Stripe's event id and when Stripe created the event. */
export type EventMeta = Pick<Stripe.Event, "id" | "created">;

/** One kind of canonical event as the normaliser builds it, before `normalised()` validates it. */
export type InputOf<K extends CanonicalKind> = Extract<CanonicalEventInput, { kind: K }>;
