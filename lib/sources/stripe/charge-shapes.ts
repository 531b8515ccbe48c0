import type Stripe from "stripe";

// Charges and refunds as every API version an account may be pinned to sends them. The current types describe
// the newest shape only; older versions leave out fields the normaliser would otherwise read as "no":
//  - `status` (a charge's before 2015, a refund's before 2017): a charge then says `paid`, and a refund that
//    exists has gone through (refunds were immediate then);
//  - `captured` (before authorise-and-capture): every paid charge was captured;
//  - `amount_captured` (before 2020): what was taken is the amount;
//  - `refunds` (before 2014-05-19): a plain array rather than a list object.

export type RefundOfAnyVersion = Omit<Stripe.Refund, "status"> & { status?: string | null };

export type ChargeOfAnyVersion = Omit<Stripe.Charge, "status" | "captured" | "amount_captured" | "refunds"> & {
  status?: Stripe.Charge.Status;
  captured?: boolean;
  amount_captured?: number;
  refunds?: Stripe.ApiList<Stripe.Refund> | RefundOfAnyVersion[] | null;
  /** API versions before 2025-03-31.basil name the invoice a charge paid; the current types no longer have it. */
  invoice?: string | Stripe.Invoice | null;
};

/** Whether the charge took the customer's money (or authorised it, for `isCaptured` to tell apart). */
export function chargeSucceeded(charge: ChargeOfAnyVersion): boolean {
  return charge.status === undefined ? charge.paid : charge.status === "succeeded" && charge.paid;
}

/** Why a charge that has not succeeded is not booked, in the terms its own shape uses. */
export function chargeNotSucceededBecause(charge: ChargeOfAnyVersion): string {
  return charge.status === undefined ? "it is not paid" : `its status is "${charge.status}"`;
}

export function isCaptured(charge: ChargeOfAnyVersion): boolean {
  return charge.captured ?? true;
}

/** What was taken: a partial capture takes less than was authorised. */
export function amountTaken(charge: ChargeOfAnyVersion): number {
  return charge.amount_captured !== undefined && charge.amount_captured > 0 ? charge.amount_captured : charge.amount;
}

/** The refunds a charge lists, in either the list or the older array shape. */
export function refundsOf(charge: ChargeOfAnyVersion): RefundOfAnyVersion[] {
  const refunds = charge.refunds;
  if (!refunds) return [];
  return Array.isArray(refunds) ? refunds : refunds.data;
}

/** A refund has moved money once it succeeded; one without a status is from before refunds had one, and went through. */
export function refundSucceeded(refund: RefundOfAnyVersion): boolean {
  return refund.status === undefined || refund.status === "succeeded";
}
