import Stripe from "stripe";
import { ShopifyEventGenerator, shopifyHeaders, type ShopifyNotification } from "./shopify-events";
import { StripeEventGenerator } from "./stripe-events";
import type { StripeLedger } from "./stripe-ledger";

// Signed HTTP deliveries as Stripe and Shopify make them, to the app's webhook routes. A benchmark can take N of
// them up front (buildStripeDeliveries) and fire them without a timer; the live demo source builds them one by
// one (stripeDeliveries().next()).

export type Delivery = { path: string; headers: Record<string, string>; body: string };

export type StripeTarget = { connectionId: string; webhookSecret: string };
export type ShopifyTarget = { connectionId: string; webhookSecret: string; shopDomain?: string };
type StreamOptions = { seed: number | string; start?: number; eventsPerDay?: number };

export const DEFAULT_SHOP_DOMAIN = "acme-outdoor-demo.myshopify.com";

/**
 * A Stripe event as Stripe POSTs it: pretty-printed JSON and a `Stripe-Signature` made by the `stripe` package
 * (`t=<now>,v1=<HMAC of "t.body">`). Stripe signs each attempt afresh, so a retry calls this again with the same
 * event: the app checks the timestamp against a five-minute tolerance.
 */
export function stripeDelivery(event: Stripe.Event, target: StripeTarget): Delivery {
  const body = JSON.stringify(event, null, 2);
  return {
    path: `/api/webhooks/stripe/${encodeURIComponent(target.connectionId)}`,
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
      "Stripe-Signature": Stripe.webhooks.generateTestHeaderString({ payload: body, secret: target.webhookSecret }),
    },
    body,
  };
}

/** A Shopify notification with its headers; the HMAC covers the raw body, so retries reuse it unchanged. */
export function shopifyDelivery(notification: ShopifyNotification, target: ShopifyTarget): Delivery {
  return {
    path: `/api/webhooks/shopify/${encodeURIComponent(target.connectionId)}`,
    headers: { ...shopifyHeaders(notification, target.webhookSecret), "User-Agent": "Shopify-Captain-Hook" },
    body: notification.body,
  };
}

/** A stream of Stripe deliveries; `ledger` holds the balance transactions they name (for the API stand-in). */
export function stripeDeliveries(options: StripeTarget & StreamOptions): { next: () => Delivery; ledger: StripeLedger } {
  const generator = new StripeEventGenerator(options);
  return { next: () => stripeDelivery(generator.next(), options), ledger: generator.ledger };
}

export function shopifyDeliveries(options: ShopifyTarget & StreamOptions): { next: () => Delivery } {
  const generator = new ShopifyEventGenerator({ ...options, shopDomain: options.shopDomain ?? DEFAULT_SHOP_DOMAIN });
  return { next: () => shopifyDelivery(generator.next(), { ...options, shopDomain: options.shopDomain ?? DEFAULT_SHOP_DOMAIN }) };
}

/** N signed Stripe deliveries, ready to send within Stripe's five-minute signature tolerance. */
export function buildStripeDeliveries(n: number, options: StripeTarget & StreamOptions): Delivery[] {
  const stream = stripeDeliveries(options);
  return Array.from({ length: n }, () => stream.next());
}

/** N signed Shopify deliveries (no timestamp in Shopify's signature: they stay valid). */
export function buildShopifyDeliveries(n: number, options: ShopifyTarget & StreamOptions): Delivery[] {
  const stream = shopifyDeliveries(options);
  return Array.from({ length: n }, () => stream.next());
}
