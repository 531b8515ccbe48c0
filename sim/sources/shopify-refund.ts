import { decimal, roundDiv } from "./money";
import { lineItemJson, type PricedOrder } from "./shopify-order";
import { gid, moneyBag, shopTime, type Json, type ShopifyId } from "./shopify-shapes";

// The body of `refunds/create`: part of one line given back with its share of the line's discount and taxes,
// and one refund transaction moving exactly that money. Shares are prorated by quantity and rounded half away
// from zero, so refunding every unit gives back exactly what the line cost.

export type RefundSpec = {
  id: number;
  order: PricedOrder;
  lineIndex: number;
  quantity: number;
  createdAt: number;
  refundLineItemId: ShopifyId;
  transactionId: number;
  parentTransactionId: number;
  locationId: number;
  note: string;
};

export type RefundAmounts = { subtotalMinor: number; taxMinor: number; totalMinor: number };

export function refundAmounts(spec: RefundSpec): RefundAmounts {
  const line = spec.order.lines[spec.lineIndex];
  if (!line) throw new Error(`Order ${spec.order.spec.id} has no line ${spec.lineIndex}`);
  const share = (minor: number) => roundDiv(minor * spec.quantity, line.quantity);
  const subtotalMinor = share(line.grossMinor) - share(line.discountMinor);
  const taxMinor = line.taxes.reduce((sum, tax) => sum + share(tax.amountMinor), 0);
  return { subtotalMinor, taxMinor, totalMinor: subtotalMinor + taxMinor };
}

export function refundJson(spec: RefundSpec): Json {
  const line = spec.order.lines[spec.lineIndex];
  if (!line) throw new Error(`Order ${spec.order.spec.id} has no line ${spec.lineIndex}`);
  const amounts = refundAmounts(spec);
  const orderId = spec.order.spec.id;
  const at = shopTime(spec.createdAt);
  return {
    id: spec.id,
    admin_graphql_api_id: gid("Refund", spec.id),
    created_at: at,
    note: spec.note,
    order_id: orderId,
    processed_at: at,
    restock: true,
    total_additional_fees_set: moneyBag(0),
    total_duties_set: moneyBag(0),
    user_id: null,
    order_adjustments: [],
    transactions: [
      {
        id: spec.transactionId,
        admin_graphql_api_id: gid("OrderTransaction", spec.transactionId),
        amount: decimal(amounts.totalMinor),
        authorization: null,
        created_at: at,
        currency: "USD",
        device_id: null,
        error_code: null,
        gateway: "shopify_payments",
        kind: "refund",
        location_id: null,
        message: "Transaction approved",
        order_id: orderId,
        parent_id: spec.parentTransactionId,
        payment_id: `c${orderId}.2`,
        processed_at: at,
        receipt: {},
        source_name: "web",
        status: "success",
        test: false,
        user_id: null,
      },
    ],
    refund_line_items: [
      {
        id: spec.refundLineItemId,
        line_item_id: line.id,
        location_id: spec.locationId,
        quantity: spec.quantity,
        restock_type: "return",
        // Shopify writes these two as JSON numbers (floats); the *_set MoneyBags carry the exact strings.
        subtotal: Number(decimal(amounts.subtotalMinor)),
        subtotal_set: moneyBag(amounts.subtotalMinor),
        total_tax: Number(decimal(amounts.taxMinor)),
        total_tax_set: moneyBag(amounts.taxMinor),
        line_item: lineItemJson(line, spec.order.spec.discount ? 0 : null),
      },
    ],
    refund_shipping_lines: [],
    duties: [],
    additional_fees: [],
  };
}
