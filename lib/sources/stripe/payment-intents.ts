import type Stripe from "stripe";
import { ignored, type Normalised } from "../../canonical";
import { idOf } from "./common";

/** Before 2022-11-15 a payment intent listed its charges; since then it names the latest one. */
type PaymentIntentOfAnyVersion = Stripe.PaymentIntent & { charges?: { data?: Array<{ id: string }> } };

/**
 * `payment_intent.succeeded` moves the same money as the charge it made, and the charge's own event
 * (`charge.succeeded`) books it with Stripe's fee; booking the intent as well would count the sale twice. It is
 * stored as ignored with this reason, so it stays visible and countable (countIgnoredEvents).
 */
export function paymentIntentSucceeded(intent: PaymentIntentOfAnyVersion): Normalised {
  const charge = idOf(intent.latest_charge) ?? intent.charges?.data?.[0]?.id;
  const from = charge ? `its charge (${charge}) and that charge's own event` : "its charge's own event (charge.succeeded)";
  return ignored(`Stripe payment intent ${intent.id} succeeded; its money is booked from ${from}, so booking it here too would count it twice.`);
}
