import type Stripe from "stripe";
import type { Normalised } from "../canonical";
import { env } from "../env";
import { AppError } from "../errors/app-error";
import { ApiEventSchema } from "../sources/api/schema";
import { apiEventToCanonical } from "../sources/api/to-canonical";
import { orderTaxesIncluded } from "../sources/shopify/order-taxes-included";
import { shopifyToCanonical } from "../sources/shopify/to-canonical";
import { getWebhookConnection } from "../sources/source-connection";
import { fetchBalanceTransactions } from "../sources/stripe/fetch-balance-transactions";
import { fetchTaxRates } from "../sources/stripe/fetch-tax-rates";
import { missingBalanceTransactions } from "../sources/stripe/missing-balance-transactions";
import { missingTaxRates } from "../sources/stripe/missing-tax-rates";
import { stripeToCanonical } from "../sources/stripe/to-canonical";

export type StoredInbound = {
  workspaceId: string;
  source: "STRIPE" | "SHOPIFY" | "API" | "QUICKBOOKS";
  sourceConnectionId: string | null;
  eventType: string;
  payload: unknown;
  shopDomain?: string;
};

/**
 * A stored raw event -> its canonical events. The normalisers are pure; this shell gives them what they need
 * from outside (Stripe's balance transactions, for fees and payouts, and the tax rates an invoice names by id,
 * fetched with the connection's restricted key; a Shopify refund's order setting for tax, read from the order's
 * sale). Used by the job and by the replay command alike, so a replay derives exactly what the job would.
 */
export type DeriveOptions = { /** Stripe's API base; env().stripeApiBase unless a test points it elsewhere. */ stripeApiBase?: string };

export async function deriveCanonical(event: StoredInbound, options: DeriveOptions = {}): Promise<Normalised> {
  switch (event.source) {
    case "STRIPE":
      return deriveStripe(event, options.stripeApiBase ?? env().stripeApiBase);
    case "SHOPIFY":
      return deriveShopify(event);
    case "API":
      return apiEventToCanonical(ApiEventSchema.parse(event.payload));
    case "QUICKBOOKS":
      return { events: [], ignoredBecause: "QuickBooks notifications describe changes in QuickBooks; they are not money events to book." };
  }
}

async function deriveShopify(event: StoredInbound): Promise<Normalised> {
  // A refund's body does not say whether the order's prices include tax; the order's sale in our books does.
  const taxesIncluded = event.eventType === "refunds/create" ? await orderTaxesIncluded(event.workspaceId, event.payload) : undefined;
  return shopifyToCanonical({
    topic: event.eventType,
    body: event.payload,
    ...(event.shopDomain ? { shopDomain: event.shopDomain } : {}),
    ...(taxesIncluded === undefined ? {} : { orderTaxesIncluded: taxesIncluded }),
  });
}

async function deriveStripe(event: StoredInbound, apiBase: string): Promise<Normalised> {
  const stripeEvent = event.payload as Stripe.Event;
  const needed = missingBalanceTransactions(stripeEvent);
  const neededRates = missingTaxRates(stripeEvent);
  const needsFees = needed.ids.length > 0 || needed.payoutId !== undefined;
  if (!needsFees && neededRates.length === 0) return stripeToCanonical(stripeEvent, { balanceTransactions: {} });

  const what = needsFees ? "its fees" : "the tax rates of this invoice";
  const access = [needsFees ? "balance transactions" : "", neededRates.length > 0 ? "tax rates" : ""].filter(Boolean).join(" and ");
  const connection = event.sourceConnectionId ? await getWebhookConnection(event.sourceConnectionId, "STRIPE") : null;
  if (!connection) {
    throw new AppError("VALIDATION_FAILED", `The Stripe connection this event came through is disconnected or deleted, so ${what} cannot be read. Reconnect it, then retry.`);
  }
  const apiKey = connection.secrets.apiKey;
  if (!apiKey) {
    throw new AppError(
      "VALIDATION_FAILED",
      `This Stripe connection has no restricted API key, so ${what} cannot be read. Add a key with read access to ${access}, then retry.`,
    );
  }
  const balanceTransactions = needsFees
    ? await fetchBalanceTransactions({ apiKey, ids: needed.ids, ...(needed.payoutId ? { payoutId: needed.payoutId } : {}), apiBase })
    : {};
  const taxRates = neededRates.length > 0 ? await fetchTaxRates({ apiKey, ids: neededRates, apiBase }) : {};
  return stripeToCanonical(stripeEvent, { balanceTransactions, taxRates });
}
