import type Stripe from "stripe";
import { chargeSucceeded, isCaptured, refundsOf, refundSucceeded, type ChargeOfAnyVersion, type RefundOfAnyVersion } from "./charge-shapes";

/** What to fetch before normalising an event: balance transactions by id, and for a payout, its whole list. */
export type BalanceTransactionsToFetch = { ids: string[]; payoutId?: string };

/**
 * The balance transactions `stripeToCanonical` needs for `event` that the payload does not carry expanded.
 * Charges and refunds name theirs by id only; a dispute carries its own in full; a paid payout needs the list
 * of everything it settled. Pure, so the shell can decide what to fetch without guessing.
 */
export function missingBalanceTransactions(event: Stripe.Event): BalanceTransactionsToFetch {
  switch (event.type) {
    case "charge.succeeded":
    case "charge.captured": {
      const charge: ChargeOfAnyVersion = event.data.object;
      return { ids: chargeSucceeded(charge) && isCaptured(charge) ? idsOf([charge.balance_transaction]) : [] };
    }
    // Only refunds that will be booked need their fee: pending and failed ones are ignored (refunds.ts).
    case "charge.refunded":
      return { ids: idsOf(refundsOf(event.data.object).filter(refundSucceeded).map((refund) => refund.balance_transaction)) };
    case "refund.created":
    case "refund.updated":
    case "charge.refund.updated":
      return { ids: refundSucceeded(event.data.object as RefundOfAnyVersion) ? idsOf([event.data.object.balance_transaction]) : [] };
    case "payout.paid":
      return { ids: [], payoutId: event.data.object.id };
    default:
      return { ids: [] };
  }
}

/** The ids among `refs` that are not expanded, each once. */
function idsOf(refs: Array<string | Stripe.BalanceTransaction | null | undefined>): string[] {
  return [...new Set(refs.filter((ref): ref is string => typeof ref === "string" && ref !== ""))];
}
