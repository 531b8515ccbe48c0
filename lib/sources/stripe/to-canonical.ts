import type Stripe from "stripe";
import { ignored, type Normalised } from "../../canonical";
import { AppError } from "../../errors/app-error";
import { chargeToCanonical } from "./charges";
import type { StripeContext } from "./context";
import { customerToCanonical } from "./customers";
import { chargeDisputed, disputeClosed, disputeOpened } from "./disputes";
import { invoiceFinalized, invoicePaid } from "./invoices";
import { paymentIntentSucceeded } from "./payment-intents";
import { payoutToCanonical } from "./payouts";
import { refundsOfCharge, refundToCanonical } from "./refunds";

export type { StripeContext } from "./context";

/**
 * The canonical events one verified Stripe event means. Pure: whatever it needs beyond the event (balance
 * transactions, tax rates) comes in `context`, fetched beforehand by the shell (missing-balance-transactions.ts).
 * Event types Ledgerwire does not book return `ignored` with the reason; a payload that cannot be booked throws
 * an AppError saying why, in words a finance person can act on.
 */
export function stripeToCanonical(event: Stripe.Event, context: StripeContext): Normalised {
  try {
    return dispatch(event, context);
  } catch (error) {
    // A payload missing a field Stripe documents as always present surfaces as a TypeError deep in a mapper.
    // It is the payload that is wrong, so it goes to the exception queue like any other unbookable event.
    if (error instanceof TypeError) {
      throw new AppError("VALIDATION_FAILED", `Stripe event ${event.id} (${event.type}) is missing data Stripe always sends, so it cannot be booked.`, {
        event: event.id,
        cause: error.message,
      });
    }
    throw error;
  }
}

function dispatch(event: Stripe.Event, context: StripeContext): Normalised {
  // Sent by API versions older than the package's types know, so it is not in their union of event types.
  if ((event.type as string) === "charge.disputed") return chargeDisputed(event, event.data.object as unknown as Parameters<typeof chargeDisputed>[1]);
  switch (event.type) {
    case "charge.succeeded":
    case "charge.captured":
      return chargeToCanonical(event, event.data.object, context);
    case "charge.refunded":
      return refundsOfCharge(event, event.data.object, context);
    case "refund.created":
    case "refund.updated":
    case "charge.refund.updated":
      return refundToCanonical(event, event.data.object, context);
    case "charge.dispute.created":
    case "charge.dispute.funds_withdrawn":
      return disputeOpened(event, event.data.object);
    case "charge.dispute.closed":
      return disputeClosed(event, event.data.object);
    case "payout.paid":
      return payoutToCanonical(event, event.data.object, context);
    case "payout.failed":
      return ignored(`Stripe payout ${event.data.object.id} failed, so no money reached the bank; the funds return to the Stripe balance and are booked with the payout that carries them.`);
    case "invoice.finalized":
      return invoiceFinalized(event, event.data.object, context);
    // invoice.payment_succeeded is the older name of invoice.paid (still sent beside it): one key, booked once.
    case "invoice.paid":
    case "invoice.payment_succeeded":
      return invoicePaid(event, event.data.object);
    case "payment_intent.succeeded":
      return paymentIntentSucceeded(event.data.object);
    case "customer.created":
    case "customer.updated":
      return customerToCanonical(event, event.data.object);
    default:
      return ignored(`Ledgerwire does not book Stripe "${event.type}" events: they change nothing in the accounts.`);
  }
}
