// What to subscribe the endpoint to, as data the Sources page lists: the Stripe events and Shopify topics the
// normalisers book (lib/sources/stripe/to-canonical.ts, lib/sources/shopify/to-canonical.ts). Anything else that
// arrives is stored and ignored, so subscribing to more costs storage, not correctness. Browser-safe.

export const STRIPE_EVENT_TYPES: readonly { type: string; why: string }[] = [
  { type: "charge.succeeded", why: "card sales, with their fees" },
  { type: "charge.captured", why: "sales captured after authorisation" },
  { type: "charge.refunded", why: "refunds (older API versions list them here)" },
  { type: "refund.created", why: "refunds" },
  { type: "refund.updated", why: "refunds that change state" },
  { type: "charge.refund.updated", why: "refunds that fail or are reversed" },
  { type: "charge.dispute.created", why: "chargebacks and their fee" },
  { type: "charge.dispute.funds_withdrawn", why: "chargebacks" },
  { type: "charge.dispute.closed", why: "chargebacks won or lost" },
  { type: "payout.paid", why: "payouts to the bank, fees netted" },
  { type: "payout.failed", why: "payouts that did not reach the bank (booked as nothing)" },
  { type: "invoice.finalized", why: "invoices" },
  { type: "invoice.paid", why: "invoice payments" },
  { type: "payment_intent.succeeded", why: "payments made without a charge event" },
  { type: "customer.created", why: "customers" },
  { type: "customer.updated", why: "customer changes" },
];

export const SHOPIFY_TOPICS: readonly { type: string; why: string }[] = [
  { type: "orders/paid", why: "paid orders: the sale, taxes, shipping and discounts" },
  { type: "orders/create", why: "orders paid at checkout" },
  { type: "orders/cancelled", why: "cancellations (money returned arrives as refunds)" },
  { type: "refunds/create", why: "refunds" },
];
