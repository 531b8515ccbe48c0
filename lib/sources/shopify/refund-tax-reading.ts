import { AppError } from "../../errors/app-error";
import { money } from "./amounts";

// A refund body does not say whether its amounts include tax: `taxes_included` lives on the order. Exclusive
// prices add up as items + tax, inclusive ones as items alone. Guessing from whichever reading matches the money
// paid back gets it wrong exactly when it matters: a refund of an exclusive-tax order that returned only the
// subtotal matches the inclusive reading, and would be booked as if its tax were inside the prices. So the
// order's own setting decides, and without it only the exclusive reading (which an inclusive order's refund
// cannot match unless it paid back its tax twice) is taken on trust.

export type RefundTotals = {
  label: string;
  refundId: string;
  orderId: string;
  currency: string;
  paidMinor: number;
  /** Items, shipping and adjustments in the paid currency, as Shopify states them (tax not added). */
  amountMinor: number;
  taxMinor: number;
  /** The order's `taxes_included`, when the order has reached Ledgerwire. */
  orderTaxesIncluded?: boolean;
};

/** Whether the refund's amounts include their tax; throws when the refund does not add up under that reading. */
export function refundTaxesIncluded(totals: RefundTotals): boolean {
  const { amountMinor, taxMinor, paidMinor, orderTaxesIncluded } = totals;
  const addsUp = (inclusive: boolean) => (inclusive ? amountMinor : amountMinor + taxMinor) === paidMinor;
  if (orderTaxesIncluded !== undefined) {
    if (addsUp(orderTaxesIncluded)) return orderTaxesIncluded;
    throw doesNotAddUp(totals, orderTaxesIncluded);
  }
  if (addsUp(false)) return false;
  if (taxMinor !== 0 && addsUp(true)) {
    // Shopify usually sends the order before its refund, so this is mostly a refund overtaking its order.
    throw new AppError(
      "VALIDATION_FAILED",
      `${totals.label} adds up only if its prices include tax, and Ledgerwire has not received order ${totals.orderId} yet, whose ` +
        "taxes_included setting says whether its prices include tax. It is tried again; if the order never arrives, resend its " +
        "orders/paid webhook from Shopify, then retry.",
      { refundId: totals.refundId, orderId: totals.orderId, paidMinor, retryable: true },
    );
  }
  throw doesNotAddUp(totals, undefined);
}

function doesNotAddUp(totals: RefundTotals, inclusive: boolean | undefined): AppError {
  const { label, currency, amountMinor, taxMinor, paidMinor } = totals;
  const what = `${label} does not add up: its items, shipping and adjustments come to ${money(amountMinor, currency)}`;
  const reading =
    inclusive === true
      ? ` including ${money(taxMinor, currency)} tax (the order's prices include tax)`
      : inclusive === false
        ? ` plus ${money(taxMinor, currency)} tax (the order's prices exclude tax) = ${money(amountMinor + taxMinor, currency)}`
        : ` plus ${money(taxMinor, currency)} tax`;
  return new AppError("VALIDATION_FAILED", `${what}${reading}, but ${money(paidMinor, currency)} was paid back. Check the refund in Shopify.`, {
    refundId: totals.refundId,
    orderId: totals.orderId,
    paidMinor,
  });
}
