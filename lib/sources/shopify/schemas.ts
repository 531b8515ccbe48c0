import { z } from "zod";

// The parts of Shopify's webhook bodies (REST shape, the same for every API version we accept) that Ledgerwire
// books from. Objects are loose: Shopify adds fields every quarter, and a new field must never stop the books.
// The fields we read are strict: a missing price or a float where a decimal string belongs is a reason to stop.
// Bodies must be parsed with parseShopifyJson, which keeps ids above 2^53 as strings.

/** An id as Shopify sends it: a JSON integer, or a digit string when parseShopifyJson had to keep it exact. */
export const ShopifyIdSchema = z
  .union([
    z.string().regex(/^\d{1,30}$/, "Expected a numeric id."),
    z.number().int("Expected an integer id; parse the body with parseShopifyJson so long ids stay exact.").nonnegative(),
  ])
  .transform(String);

/** Shopify writes money as decimal strings ("199.00") in the shop currency; never as floats in the fields we read. */
const MONEY_MESSAGE = "Expected a decimal amount written as a string, such as \"19.99\".";
export const ShopifyMoneySchema = z
  .string({ error: (issue) => (issue.input === undefined ? undefined : MONEY_MESSAGE) })
  .regex(/^-?\d+(\.\d+)?$/, MONEY_MESSAGE);
const CurrencyCodeSchema = z.string().regex(/^[A-Z]{3}$/, "Expected a three-letter currency code.");
const DateTimeSchema = z.iso.datetime({ offset: true });

/**
 * A MoneyBag: the same amount in the shop's currency and in the customer's (presentment) currency. Shopify's own
 * documentation shows these amounts both as strings and as numbers; a number is read through its shortest decimal
 * form, which is exact for the two- and three-decimal amounts Shopify produces.
 */
const MoneyAmountSchema = z.union([ShopifyMoneySchema, z.number().transform((n) => String(n))]);
const MoneyEntrySchema = z.looseObject({ amount: MoneyAmountSchema, currency_code: CurrencyCodeSchema });
export const ShopifyMoneyBagSchema = z.looseObject({ shop_money: MoneyEntrySchema, presentment_money: MoneyEntrySchema });
export type ShopifyMoneyBag = z.infer<typeof ShopifyMoneyBagSchema>;

export const ShopifyTaxLineSchema = z.looseObject({
  title: z.string().nullish(),
  price: ShopifyMoneySchema,
  /** A fraction: 0.06 means 6 %. */
  rate: z.number().nonnegative(),
});
export type ShopifyTaxLine = z.infer<typeof ShopifyTaxLineSchema>;

const DiscountAllocationSchema = z.looseObject({ amount: ShopifyMoneySchema });

export const ShopifyLineItemSchema = z.looseObject({
  id: ShopifyIdSchema,
  name: z.string().nullish(),
  title: z.string().nullish(),
  quantity: z.number().int().nonnegative(),
  price: ShopifyMoneySchema,
  sku: z.string().nullish(),
  product_id: ShopifyIdSchema.nullish(),
  vendor: z.string().nullish(),
  product_type: z.string().nullish(),
  gift_card: z.boolean().optional(),
  tax_lines: z.array(ShopifyTaxLineSchema).default([]),
  discount_allocations: z.array(DiscountAllocationSchema).default([]),
});
export type ShopifyLineItem = z.infer<typeof ShopifyLineItemSchema>;

const ShippingLineSchema = z.looseObject({
  title: z.string().nullish(),
  price: ShopifyMoneySchema,
  /** Removed by an order edit: no longer part of what the customer pays. */
  is_removed: z.boolean().optional(),
  tax_lines: z.array(ShopifyTaxLineSchema).default([]),
  discount_allocations: z.array(DiscountAllocationSchema).default([]),
});

const CustomerSchema = z.looseObject({
  id: ShopifyIdSchema,
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  email: z.string().nullish(),
});

/** The body of `orders/create` and `orders/paid` (the order itself). Plain amounts are in the shop currency. */
export const ShopifyOrderSchema = z.looseObject({
  id: ShopifyIdSchema,
  /** What the merchant and the customer call the order: "#1001". */
  name: z.string().min(1),
  currency: CurrencyCodeSchema,
  presentment_currency: CurrencyCodeSchema.nullish(),
  financial_status: z.string().nullish(),
  test: z.boolean().optional(),
  taxes_included: z.boolean(),
  total_price: ShopifyMoneySchema,
  total_price_set: ShopifyMoneyBagSchema.optional(),
  total_discounts: ShopifyMoneySchema.optional(),
  total_tip_received: ShopifyMoneySchema.nullish(),
  created_at: DateTimeSchema,
  processed_at: DateTimeSchema.nullish(),
  source_name: z.string().nullish(),
  email: z.string().nullish(),
  customer: CustomerSchema.nullish(),
  line_items: z.array(ShopifyLineItemSchema).min(1),
  shipping_lines: z.array(ShippingLineSchema).default([]),
  tax_lines: z.array(ShopifyTaxLineSchema).default([]),
});
export type ShopifyOrder = z.infer<typeof ShopifyOrderSchema>;

/** The body of `orders/cancelled`: the whole order, of which we only name the order in the reason we ignore it. */
export const ShopifyOrderCancelledSchema = z.looseObject({
  id: ShopifyIdSchema,
  name: z.string().min(1),
  cancel_reason: z.string().nullish(),
});

const RefundLineItemSchema = z.looseObject({
  id: ShopifyIdSchema,
  line_item_id: ShopifyIdSchema,
  quantity: z.number().int().nonnegative(),
  /** After the line's discounts; `subtotal` itself is a float, so only the MoneyBag is read. */
  subtotal_set: ShopifyMoneyBagSchema,
  total_tax_set: ShopifyMoneyBagSchema,
  line_item: ShopifyLineItemSchema.optional(),
});

const RefundShippingLineSchema = z.looseObject({
  subtotal_amount_set: ShopifyMoneyBagSchema,
  shipping_line: z.looseObject({ tax_lines: z.array(ShopifyTaxLineSchema).default([]) }).nullish(),
});

/**
 * `shipping_refund` (negative: shipping given back) or `refund_discrepancy` (positive: refunded less than
 * calculated). Shopify deprecated `kind` in 2024-10, so an adjustment without one is read as a discrepancy.
 */
const OrderAdjustmentSchema = z.looseObject({
  kind: z.string().nullish(),
  reason: z.string().nullish(),
  amount: ShopifyMoneySchema.optional(),
  tax_amount: ShopifyMoneySchema.optional(),
  amount_set: ShopifyMoneyBagSchema.optional(),
  tax_amount_set: ShopifyMoneyBagSchema.optional(),
});
export type ShopifyOrderAdjustment = z.infer<typeof OrderAdjustmentSchema>;

/** A payment transaction; amounts are in the currency the customer paid in (the presentment currency). */
const TransactionSchema = z.looseObject({
  id: ShopifyIdSchema,
  kind: z.string(),
  status: z.string(),
  amount: ShopifyMoneySchema,
  currency: CurrencyCodeSchema,
});

/** The body of `refunds/create`. */
export const ShopifyRefundSchema = z.looseObject({
  id: ShopifyIdSchema,
  order_id: ShopifyIdSchema,
  created_at: DateTimeSchema,
  processed_at: DateTimeSchema.nullish(),
  note: z.string().nullish(),
  refund_line_items: z.array(RefundLineItemSchema).default([]),
  /** Shipping given back, from API version 2024-10 (before that only as an order adjustment). */
  refund_shipping_lines: z.array(RefundShippingLineSchema).default([]),
  order_adjustments: z.array(OrderAdjustmentSchema).default([]),
  transactions: z.array(TransactionSchema).default([]),
});
export type ShopifyRefund = z.infer<typeof ShopifyRefundSchema>;

export const SHOPIFY_WEBHOOK_SCHEMAS = {
  "orders/create": ShopifyOrderSchema,
  "orders/paid": ShopifyOrderSchema,
  "orders/cancelled": ShopifyOrderCancelledSchema,
  "refunds/create": ShopifyRefundSchema,
} as const;
export type ShopifyTopic = keyof typeof SHOPIFY_WEBHOOK_SCHEMAS;
