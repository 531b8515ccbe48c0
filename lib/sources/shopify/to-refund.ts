import { allocateMinorUnits, ignored, normalised, toMinorUnits, type Line, type Normalised, type TaxLine } from "../../canonical";
import { AppError } from "../../errors/app-error";
import { bagToMinor, percentOf, rateToPercent, sumMinor } from "./amounts";
import { refundTaxesIncluded } from "./refund-tax-reading";
import type { ShopifyMoneyBag, ShopifyOrderAdjustment, ShopifyRefund, ShopifyTaxLine } from "./schemas";

// A Shopify refund becomes one REFUND keyed on the refund id, pointing at the order (the SALE's object id). Partial
// refunds are normal: each refund lists only what it gives back. The money is what the successful refund
// transactions moved; the lines, shipping and adjustments explain it and must add up to it.
//
// Two things the refund body does not say, and how they are settled:
// - Whether prices include tax (that flag lives on the order). The order's flag decides when the shell has it; see
//   refund-tax-reading.ts for why the refund's own numbers are not enough.
// - The shop-currency amount. Transactions are in the customer's (presentment) currency; every other part carries
//   both currencies. The parts are checked against the transactions in the transactions' currency and booked in the
//   shop currency, like the SALE they reverse.

type Pair = { shop: number; presentment: number };
type Part = { amount: Pair; tax: Pair };
const ZERO: Pair = { shop: 0, presentment: 0 };
const add = (a: Pair, b: Pair): Pair => ({ shop: a.shop + b.shop, presentment: a.presentment + b.presentment });
const negate = (a: Pair): Pair => ({ shop: -a.shop, presentment: -a.presentment });

/** `orderTaxesIncluded`: the order's `taxes_included`, which the shell reads from the order's SALE when it has one. */
export function shopifyRefundToRefund(refund: ShopifyRefund, shopDomain?: string, orderTaxesIncluded?: boolean): Normalised {
  const label = `Shopify refund ${refund.id} of order ${refund.order_id}`;
  const refundTransactions = refund.transactions.filter((t) => t.kind === "refund");
  const settled = refundTransactions.filter((t) => t.status === "success");
  if (settled.length === 0) {
    if (refundTransactions.length === 0) return ignored(`${label} returned no money (a restock or a note only).`);
    const statuses = refundTransactions.map((t) => t.status).join(", ");
    return ignored(`${label} has no successful refund transaction yet (${statuses}); only money actually returned is booked.`);
  }
  const paidCurrency = settled[0]!.currency;
  if (settled.some((t) => t.currency !== paidCurrency)) throw new AppError("VALIDATION_FAILED", `${label} pays back in more than one currency.`);
  const paidMinor = sumMinor(settled.map((t) => toMinorUnits(t.amount, paidCurrency)));
  if (paidMinor === 0) return ignored(`${label} returned no money.`);

  const currencies = currenciesOf(refund, paidCurrency);
  const bag = (money: ShopifyMoneyBag): Pair => toPair(money, currencies, label);
  const items = refund.refund_line_items.map((item) => ({ item, part: { amount: bag(item.subtotal_set), tax: bag(item.total_tax_set) } }));
  const shipping = shippingPart(refund, bag, currencies);
  const adjustments = refund.order_adjustments
    .filter((adjustment) => adjustment.kind !== "shipping_refund")
    .map((adjustment) => ({ adjustment, part: adjustmentPart(adjustment, bag, currencies) }));
  const parts = [...items.map((i) => i.part), shipping, ...adjustments.map((a) => a.part)];

  const side = paidCurrency === currencies.shop ? "shop" : paidCurrency === currencies.presentment ? "presentment" : undefined;
  if (!side) throw new AppError("VALIDATION_FAILED", `${label} was paid in ${paidCurrency}, which is neither the shop's nor the order's currency.`);
  const total = (which: keyof Pair, inclusive: boolean) =>
    sumMinor(parts.map((p) => p.amount[which] + (inclusive ? 0 : p.tax[which])));
  const inclusive = refundTaxesIncluded({
    label,
    refundId: refund.id,
    orderId: refund.order_id,
    currency: paidCurrency,
    paidMinor,
    amountMinor: total(side, true),
    taxMinor: sumMinor(parts.map((p) => p.tax[side])),
    ...(orderTaxesIncluded === undefined ? {} : { orderTaxesIncluded }),
  });

  const lines: Line[] = [
    ...items.map(({ item, part }): Line => {
      const original = item.line_item;
      return {
        description: original?.name || original?.title || `Line item ${item.line_item_id}`,
        quantity: String(item.quantity),
        amountMinor: part.amount.shop,
        sku: original?.sku || undefined,
        productId: original?.product_id ?? undefined,
        category: original?.gift_card ? "gift_card" : original?.product_type || original?.vendor || undefined,
        taxes: splitTax(part, original?.tax_lines ?? [], currencies.shop, inclusive),
      };
    }),
    ...adjustments.map(({ adjustment, part }): Line => ({
      description: `Refund adjustment${adjustment.reason ? ` (${adjustment.reason})` : ""}`,
      quantity: "1",
      amountMinor: part.amount.shop,
      category: "refund_adjustment",
      taxes: splitTax(part, [], currencies.shop, inclusive),
    })),
  ];
  const shippingTaxLines = refund.refund_shipping_lines.flatMap((line) => line.shipping_line?.tax_lines ?? []);
  const shippingTaxes = splitTax(shipping, shippingTaxLines, currencies.shop, inclusive, "Shipping tax");

  return normalised([
    {
      kind: "REFUND",
      source: "SHOPIFY",
      sourceIds: { object: refund.id, order: refund.order_id },
      occurredAt: refund.processed_at ?? refund.created_at,
      currency: currencies.shop,
      amountMinor: total("shop", inclusive),
      description: label,
      tags: shopDomain ? { shop: shopDomain } : undefined,
      originalSourceId: refund.order_id,
      lines,
      taxes: shippingTaxes,
      shippingMinor: shipping.amount.shop !== 0 ? shipping.amount.shop : undefined,
      reason: refund.note ? refund.note.slice(0, 500) : undefined,
    },
  ]);
}

type Currencies = { shop: string; presentment: string };

/** The shop and presentment currencies, from any MoneyBag in the refund (the transactions' when there is none). */
function currenciesOf(refund: ShopifyRefund, paidCurrency: string): Currencies {
  const bags = [
    ...refund.refund_line_items.map((item) => item.subtotal_set),
    ...refund.refund_shipping_lines.map((line) => line.subtotal_amount_set),
    ...refund.order_adjustments.flatMap((adjustment) => (adjustment.amount_set ? [adjustment.amount_set] : [])),
  ];
  const first = bags[0];
  if (!first) return { shop: paidCurrency, presentment: paidCurrency };
  return { shop: first.shop_money.currency_code, presentment: first.presentment_money.currency_code };
}

function toPair(bag: ShopifyMoneyBag, currencies: Currencies, label: string): Pair {
  const minor = bagToMinor(bag);
  if (minor.shopCurrency !== currencies.shop || minor.presentmentCurrency !== currencies.presentment) {
    throw new AppError("VALIDATION_FAILED", `${label} mixes currencies (${minor.shopCurrency}/${minor.presentmentCurrency} and ${currencies.shop}/${currencies.presentment}).`);
  }
  return { shop: minor.shop, presentment: minor.presentment };
}

/**
 * Order adjustments are written from the order's side: a shipping refund is negative, and a refund discrepancy is
 * positive when less was refunded than calculated. Without `amount_set` (older API versions) the plain amounts are
 * in the shop currency, which is also the presentment one for the single-currency shops that sent them.
 */
function adjustmentPart(adjustment: ShopifyOrderAdjustment, bag: (money: ShopifyMoneyBag) => Pair, currencies: Currencies): Part {
  const plain = (amount: string | undefined): Pair => {
    const minor = amount ? toMinorUnits(amount, currencies.shop) : 0;
    return { shop: minor, presentment: minor };
  };
  const amount = adjustment.amount_set ? bag(adjustment.amount_set) : plain(adjustment.amount);
  const tax = adjustment.tax_amount_set ? bag(adjustment.tax_amount_set) : plain(adjustment.tax_amount);
  return { amount: negate(amount), tax: negate(tax) };
}

/**
 * Shipping given back: `refund_shipping_lines` from API 2024-10 on, otherwise the `shipping_refund` adjustments.
 * Newer payloads carry both, so the lines win and the adjustments only supply the shipping tax they alone state.
 */
function shippingPart(refund: ShopifyRefund, bag: (money: ShopifyMoneyBag) => Pair, currencies: Currencies): Part {
  const fromAdjustments = refund.order_adjustments
    .filter((adjustment) => adjustment.kind === "shipping_refund")
    .map((adjustment) => adjustmentPart(adjustment, bag, currencies))
    .reduce((a, b) => ({ amount: add(a.amount, b.amount), tax: add(a.tax, b.tax) }), { amount: ZERO, tax: ZERO });
  if (refund.refund_shipping_lines.length === 0) return fromAdjustments;
  const amount = refund.refund_shipping_lines.map((line) => bag(line.subtotal_amount_set)).reduce(add, ZERO);
  return { amount, tax: fromAdjustments.tax };
}

/**
 * Names a refunded tax amount. Shopify states the refunded tax as one amount, so it is split over the original
 * line's tax lines in proportion to what each charged; with none to go by, the rate is recovered from the amounts.
 */
function splitTax(part: Part, original: ShopifyTaxLine[], currency: string, inclusive: boolean, name = "Tax"): TaxLine[] {
  const taxMinor = part.tax.shop;
  if (taxMinor === 0) return [];
  if (original.length === 0) {
    const base = inclusive ? part.amount.shop - taxMinor : part.amount.shop;
    return [{ name, ratePercent: percentOf(taxMinor, base), amountMinor: taxMinor, inclusive }];
  }
  const shares = allocateMinorUnits(taxMinor, original.map((tax) => Math.abs(toMinorUnits(tax.price, currency))));
  return original.map((tax, i) => ({ name: tax.title || name, ratePercent: rateToPercent(tax.rate), amountMinor: shares[i] ?? 0, inclusive }));
}
