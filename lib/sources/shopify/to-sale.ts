import { allocateMinorUnits, normalised, toMinorUnits, type Line, type Normalised, type TaxLine } from "../../canonical";
import { AppError } from "../../errors/app-error";
import { money, rateToPercent, sumMinor } from "./amounts";
import type { ShopifyLineItem, ShopifyOrder, ShopifyTaxLine } from "./schemas";

// A paid Shopify order becomes one SALE (a sales receipt). It is keyed on the order id alone, so `orders/create`
// (already paid) and `orders/paid` for the same order produce the same canonical key: whichever arrives second
// updates the first instead of booking the sale twice.
//
// Currency: the SALE is booked in the shop currency (`currency`, `total_price`), not the customer's presentment
// currency. Every plain amount in the order is in the shop currency, Shopify pays the merchant out in it and its
// reports total in it, so the books reconcile with both; the presentment amount is kept in the description.

export function shopifyOrderToSale(order: ShopifyOrder, shopDomain?: string): Normalised {
  const currency = order.currency;
  const inclusive = order.taxes_included;
  const toMinor = (amount: string) => toMinorUnits(amount, currency);

  const lines = order.line_items.map((item) => toLine(item, currency, inclusive));
  spreadUnallocatedDiscount(order, lines, toMinor);
  const tip = order.total_tip_received ? toMinor(order.total_tip_received) : 0;
  if (tip !== 0) lines.push({ description: "Tip", quantity: "1", amountMinor: tip, category: "tip", taxes: [] });

  const shipping = order.shipping_lines
    .filter((line) => line.is_removed !== true)
    .map((line) => toMinor(line.price) - sumMinor(line.discount_allocations.map((a) => toMinor(a.amount))));
  const shippingMinor = sumMinor(shipping);
  const taxes = orderLevelTaxes(order.tax_lines, lines, currency, inclusive);
  const totalMinor = toMinor(order.total_price);
  assertAddsUp(order, { lines, shippingMinor, taxes, totalMinor });

  const customer = order.customer;
  const paidIn = order.total_price_set?.presentment_money;
  const presentment = paidIn && paidIn.currency_code !== currency ? ` (the customer paid ${paidIn.amount} ${paidIn.currency_code})` : "";
  return normalised([
    {
      kind: "SALE",
      source: "SHOPIFY",
      sourceIds: { object: order.id, orderName: order.name },
      occurredAt: order.processed_at ?? order.created_at,
      currency,
      amountMinor: totalMinor,
      description: `Shopify order ${order.name}${presentment}`,
      tags: tagsOf(order, shopDomain),
      customer: customer
        ? {
            sourceId: customer.id,
            name: [customer.first_name, customer.last_name].filter(Boolean).join(" ") || undefined,
            email: customer.email || order.email || undefined,
          }
        : undefined,
      lines,
      shippingMinor: shippingMinor > 0 ? shippingMinor : undefined,
      taxes,
    },
  ]);
}

function toLine(item: ShopifyLineItem, currency: string, inclusive: boolean): Line {
  const unitMinor = toMinorUnits(item.price, currency);
  const discountMinor = sumMinor(item.discount_allocations.map((a) => toMinorUnits(a.amount, currency)));
  return {
    description: item.name || item.title || `Line item ${item.id}`,
    // The quantity ordered, not `current_quantity`: later refunds arrive as their own REFUND events.
    quantity: String(item.quantity),
    unitAmountMinor: unitMinor,
    amountMinor: unitMinor * item.quantity - discountMinor,
    discountMinor: discountMinor > 0 ? discountMinor : undefined,
    sku: item.sku || undefined,
    productId: item.product_id ?? undefined,
    // A gift card sold is money owed back in goods, not revenue; the mapping routes this category to a liability.
    category: item.gift_card ? "gift_card" : item.product_type || item.vendor || undefined,
    taxes: item.tax_lines.map((tax) => toTaxLine(tax, currency, inclusive)),
  };
}

export function toTaxLine(tax: ShopifyTaxLine, currency: string, inclusive: boolean): TaxLine {
  return {
    name: tax.title || "Tax",
    ratePercent: rateToPercent(tax.rate),
    amountMinor: toMinorUnits(tax.price, currency),
    inclusive,
  };
}

/**
 * Orders from before Shopify's discount allocations (and some created through the API) carry `total_discounts`
 * without allocating it to lines. The canonical SALE has no order-level discount, so what is not allocated is
 * spread over the lines in proportion to their amounts; a negative remainder means shipping discounts are not
 * counted in `total_discounts`, which leaves nothing to spread.
 */
function spreadUnallocatedDiscount(order: ShopifyOrder, lines: Line[], toMinor: (amount: string) => number): void {
  const allocated = sumMinor(
    [...order.line_items, ...order.shipping_lines].flatMap((line) => line.discount_allocations.map((a) => toMinor(a.amount))),
  );
  const unallocated = (order.total_discounts ? toMinor(order.total_discounts) : 0) - allocated;
  if (unallocated <= 0) return;
  const shares = allocateMinorUnits(unallocated, lines.map((line) => Math.max(line.amountMinor, 0)));
  lines.forEach((line, i) => {
    const share = shares[i] ?? 0;
    line.amountMinor -= share;
    if (share > 0) line.discountMinor = (line.discountMinor ?? 0) + share;
  });
}

/**
 * Shopify's order `tax_lines` total every tax on the order (lines and shipping) by title and rate. What the lines
 * already carry is subtracted, so only the rest (usually tax on shipping, or everything for an order whose lines
 * have no tax detail) is booked at order level and no tax is counted twice.
 */
function orderLevelTaxes(orderTaxes: ShopifyTaxLine[], lines: Line[], currency: string, inclusive: boolean): TaxLine[] {
  const keyOf = (tax: { name: string; ratePercent: string }) => `${tax.name}\u0000${tax.ratePercent}`;
  const onLines = new Map<string, number>();
  for (const tax of lines.flatMap((line) => line.taxes)) onLines.set(keyOf(tax), (onLines.get(keyOf(tax)) ?? 0) + tax.amountMinor);
  const rest: TaxLine[] = [];
  for (const orderTax of orderTaxes) {
    const tax = toTaxLine(orderTax, currency, inclusive);
    const covered = Math.min(onLines.get(keyOf(tax)) ?? 0, tax.amountMinor);
    onLines.set(keyOf(tax), (onLines.get(keyOf(tax)) ?? 0) - covered);
    if (tax.amountMinor - covered !== 0) rest.push({ ...tax, amountMinor: tax.amountMinor - covered });
  }
  return rest;
}

/**
 * The lines, shipping and taxes must add up to what the customer paid. When Shopify's numbers do not (duties,
 * additional fees or an order edit we do not model, or a bug on either side), posting anyway would misstate revenue
 * or tax, or leave a balancing difference nobody chose; so the order goes to the exception queue for a person.
 */
function assertAddsUp(
  order: ShopifyOrder,
  parts: { lines: Line[]; shippingMinor: number; taxes: TaxLine[]; totalMinor: number },
): void {
  const { lines, shippingMinor, taxes, totalMinor } = parts;
  const currency = order.currency;
  const linesMinor = sumMinor(lines.map((line) => line.amountMinor));
  const allTaxes = [...lines.flatMap((line) => line.taxes), ...taxes];
  const addedTaxMinor = sumMinor(allTaxes.filter((tax) => !tax.inclusive).map((tax) => tax.amountMinor));
  const computed = linesMinor + shippingMinor + addedTaxMinor;
  if (computed === totalMinor) return;
  const taxPart = order.taxes_included ? "" : ` + taxes ${money(addedTaxMinor, currency)}`;
  throw new AppError(
    "VALIDATION_FAILED",
    `Shopify order ${order.name} does not add up: lines ${money(linesMinor, currency)} + shipping ${money(shippingMinor, currency)}${taxPart} ` +
      `= ${money(computed, currency)}, but Shopify's total is ${money(totalMinor, currency)} ` +
      `(${money(Math.abs(totalMinor - computed), currency)} apart). Check the order in Shopify before it is posted.`,
    { orderId: order.id, computedMinor: computed, totalMinor },
  );
}

function tagsOf(order: ShopifyOrder, shopDomain?: string): Record<string, string> {
  const tags: Record<string, string> = {};
  if (order.source_name) tags.channel = order.source_name;
  if (shopDomain) tags.shop = shopDomain;
  if (order.presentment_currency && order.presentment_currency !== order.currency) tags.presentmentCurrency = order.presentment_currency;
  return tags;
}
