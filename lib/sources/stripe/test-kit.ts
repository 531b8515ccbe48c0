// Builds test events from Stripe's official fixture objects (test/payloads/stripe, copied from stripe-mock's
// fixtures; see test/payloads/SOURCES.md), so every case starts from a real payload and alters only what its
// scenario is about.
import { readFileSync } from "node:fs";
import path from "node:path";
import type Stripe from "stripe";
import { canonicalKey, type CanonicalEvent, type Normalised } from "../../canonical";
import type { StripeContext } from "./context";

const PAYLOADS = path.resolve(import.meta.dirname, "../../../test/payloads/stripe");

type Fixtures = {
  balance_transaction: Stripe.BalanceTransaction;
  charge: Stripe.Charge;
  customer: Stripe.Customer;
  dispute: Stripe.Dispute;
  event: Stripe.Event;
  invoice: Stripe.Invoice;
  payment_intent: Stripe.PaymentIntent;
  payout: Stripe.Payout;
  refund: Stripe.Refund;
  tax_rate: Stripe.TaxRate;
};

/** A fresh copy of one fixture object, for the test to alter. */
export function fixture<K extends keyof Fixtures>(name: K): Fixtures[K] {
  return JSON.parse(readFileSync(path.join(PAYLOADS, `${name}.json`), "utf8")) as Fixtures[K];
}

/** Wraps `object` in the fixture event's envelope as a webhook delivers it: only `type` and `data` change. */
export function stripeEvent(type: string, object: object): Stripe.Event {
  const envelope = fixture("event");
  return { ...envelope, type, data: { object } } as unknown as Stripe.Event;
}

/** The fixture event's id, which every built event keeps. */
export const EVENT_ID = "evt_1Pgc76B7WZ01zgkWwyRHS12y";
/** The fixtures' placeholder timestamp 1234567890, as the canonical events carry it. */
export const FIXTURE_TIME = "2009-02-13T23:31:30.000Z";

/** A context holding the given balance transactions, keyed by id as fetchBalanceTransactions returns them. */
export function withTransactions(...transactions: Stripe.BalanceTransaction[]): StripeContext {
  return { balanceTransactions: Object.fromEntries(transactions.map((bt) => [bt.id, bt])) };
}

/** The only event of a result, failing the test when there is not exactly one. */
export function only(result: Normalised): CanonicalEvent {
  if (result.events.length !== 1) throw new Error(`Expected one canonical event, got ${result.events.length}: ${result.ignoredBecause ?? ""}`);
  return result.events[0]!;
}

/** The idempotency keys of a result, which decide whether a replay updates or doubles a posting. */
export function keys(result: Normalised): string[] {
  return result.events.map((event) => canonicalKey(event));
}
