import { ignored, type Normalised } from "../../canonical";
import { readWebhookBody } from "./read-webhook-body";
import { ShopifyOrderCancelledSchema, ShopifyOrderSchema, ShopifyRefundSchema, type ShopifyOrder } from "./schemas";
import { shopifyRefundToRefund } from "./to-refund";
import { shopifyOrderToSale } from "./to-sale";

// Turns one verified Shopify webhook (topic header + body parsed by parseShopifyJson) into canonical events. Pure:
// no I/O, the same input always gives the same output, so replays and duplicate deliveries land on the same keys.

export type ShopifyWebhookInput = {
  topic: string;
  body: unknown;
  shopDomain?: string;
  /** For `refunds/create`: the refunded order's `taxes_included`, which the refund body does not carry. */
  orderTaxesIncluded?: boolean;
};

/**
 * Statuses meaning the customer's money was taken. A replayed or backfilled order can carry a later status (refunded
 * since): it was still paid, and its refunds arrive as their own `refunds/create` events.
 */
const PAID_STATUSES = new Set(["paid", "partially_refunded", "refunded"]);

export function shopifyToCanonical({ topic, body, shopDomain, orderTaxesIncluded }: ShopifyWebhookInput): Normalised {
  switch (topic) {
    case "orders/create": {
      const order = readWebhookBody(topic, ShopifyOrderSchema, body);
      if (!PAID_STATUSES.has(order.financial_status ?? "")) {
        return ignored(
          `Shopify order ${order.name} is ${order.financial_status ?? "without a payment status"}: it is posted when paid (orders/paid).`,
        );
      }
      return saleUnlessTest(order, shopDomain);
    }
    case "orders/paid":
      return saleUnlessTest(readWebhookBody(topic, ShopifyOrderSchema, body), shopDomain);
    case "orders/cancelled": {
      // A cancellation books nothing itself: an unpaid order was never posted, and the money given back for a
      // paid one arrives as refunds/create (Shopify creates the refund when the merchant cancels with a refund).
      // Booking the cancellation too would reverse the sale twice.
      const order = readWebhookBody(topic, ShopifyOrderCancelledSchema, body);
      const why = order.cancel_reason ? ` (${order.cancel_reason})` : "";
      return ignored(`Shopify order ${order.name} was cancelled${why}; any money returned is booked from its refunds.`);
    }
    case "refunds/create":
      return shopifyRefundToRefund(readWebhookBody(topic, ShopifyRefundSchema, body), shopDomain, orderTaxesIncluded);
    default:
      return ignored(`Ledgerwire does not book the Shopify topic "${topic}".`);
  }
}

function saleUnlessTest(order: ShopifyOrder, shopDomain?: string): Normalised {
  // Test orders (Shopify's bogus gateway, test mode of a payment provider) move no real money.
  if (order.test) return ignored(`Shopify order ${order.name} is a test order; test orders move no money.`);
  return shopifyOrderToSale(order, shopDomain);
}
