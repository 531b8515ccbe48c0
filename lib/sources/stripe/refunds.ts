import { ignored, normalised, type Normalised } from "../../canonical";
import { AppError } from "../../errors/app-error";
import { currencyCode, minorUnits } from "./amounts";
import { balanceTransactionOf, feeInEventCurrency, idOf, isoFromUnix, present, settlementOf, sourceIds } from "./common";
import { refundsOf, refundSucceeded, type ChargeOfAnyVersion, type RefundOfAnyVersion } from "./charge-shapes";
import type { EventMeta, InputOf, StripeContext } from "./context";

// Refunds are keyed on the refund id, so the same refund seen through `charge.refunded`, `refund.created` and
// `charge.refund.updated` is booked once. Partial refunds are ordinary: each refund books its own amount.

/** `charge.refunded`: one REFUND per succeeded refund the charge lists. */
export function refundsOfCharge(event: EventMeta, charge: ChargeOfAnyVersion, context: StripeContext): Normalised {
  const succeeded = refundsOf(charge).filter(refundSucceeded);
  if (succeeded.length === 0) {
    // Since API version 2022-11-15 a charge no longer lists its refunds unless expanded.
    return ignored(`Stripe charge ${charge.id} was refunded, but the event does not list the refunds; each refund is booked from its own refund.created or charge.refund.updated event.`);
  }
  return normalised(succeeded.map((refund) => refundEvent(event, refund, context, charge)));
}

/** `refund.created`, `refund.updated`, `charge.refund.updated`: the refund, once it has succeeded. */
export function refundToCanonical(event: EventMeta, refund: RefundOfAnyVersion, context: StripeContext): Normalised {
  if (!refundSucceeded(refund)) {
    return ignored(`Stripe refund ${refund.id} is ${refund.status ?? "not yet processed"}; it is booked once it succeeds.`);
  }
  return normalised([refundEvent(event, refund, context)]);
}

function refundEvent(event: EventMeta, refund: RefundOfAnyVersion, context: StripeContext, charge?: ChargeOfAnyVersion): InputOf<"REFUND"> {
  const original = idOf(refund.charge) ?? idOf(refund.payment_intent);
  if (!original) {
    throw new AppError("VALIDATION_FAILED", `Stripe refund ${refund.id} names neither the charge nor the payment it returns, so it cannot be matched to a sale.`, {
      refund: refund.id,
    });
  }
  const what = `Stripe refund ${refund.id}`;
  // A refund without a balance transaction has moved no money yet; its fee return is unknown, not zero.
  const bt = balanceTransactionOf(refund.balance_transaction, context, what);
  // Stripe gives back part of its fee on some refunds: the refund's balance transaction then has a negative fee.
  const feeReturnedMinor = bt && bt.fee < 0 ? feeInEventCurrency(bt, refund.currency, -bt.fee) : undefined;
  const customerId = idOf(refund.customer) ?? idOf(charge?.customer);
  return {
    kind: "REFUND",
    source: "STRIPE",
    sourceIds: sourceIds({
      object: refund.id,
      event: event.id,
      charge: idOf(refund.charge),
      paymentIntent: idOf(refund.payment_intent),
      balanceTransaction: bt?.id,
    }),
    occurredAt: isoFromUnix(refund.created),
    currency: currencyCode(refund.currency),
    amountMinor: minorUnits(refund.amount, refund.currency),
    settlement: settlementOf(bt, refund.currency, what),
    description: present(refund.description),
    originalSourceId: original,
    customer: customerId ? { sourceId: customerId } : undefined,
    reason: present(refund.reason),
    feeReturnedMinor,
  };
}
