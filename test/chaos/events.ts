import type Stripe from "stripe";
import type { Delivery } from "../../sim/sources";
import type { StripeLedger } from "../../sim/sources/stripe-ledger";

// The chaos test's load, built from the Stripe stand-in's stream (sim/sources): USD sales with their fees,
// partial refunds and the daily payouts, and what they must add up to in QuickBooks, in cents, from the source
// side alone (the events and Stripe's balance transactions), never from what the app stored.
//
// Left out of the stream on purpose: charges in EUR/GBP (the demo company has multicurrency off, so the planner
// refuses them with an exception by design; that is tested elsewhere) and their refunds, and disputes (their own
// test covers the chargeback accounts). A payout still settles what was left out: it posts against clearing
// without those transactions, which the expected totals below account for.

export type ChaosEvent = { id: string; type: string; delivery: Delivery; chargeId?: string };

/** Debit-positive cents per mapping category. */
export type Expected = { clearing: number; fees: number; revenue: number; refunds: number; bank: number };

export type Load = { events: ChaosEvent[]; expected: Expected; counts: Record<string, number> };

type StripeEventShape = { id: string; type: string; data: { object: Record<string, unknown> } };

export function buildLoad(next: () => Delivery, ledger: StripeLedger, wanted: number): Load {
  const events: ChaosEvent[] = [];
  const foreign = new Set<string>();
  const expected: Expected = { clearing: 0, fees: 0, revenue: 0, refunds: 0, bank: 0 };
  const counts: Record<string, number> = {};
  const bt = (id: unknown): Stripe.BalanceTransaction => {
    const found = typeof id === "string" ? ledger.get(id) : undefined;
    if (!found) throw new Error(`the stand-in's ledger has no balance transaction ${String(id)}`);
    return found;
  };
  for (let guard = 0; events.length < wanted && guard < wanted * 10; guard++) {
    const delivery = next();
    const event = JSON.parse(delivery.body) as StripeEventShape;
    const object = event.data.object;
    if (event.type === "charge.succeeded") {
      if (object.currency !== "usd") {
        foreign.add(String(object.id));
        continue;
      }
      const txn = bt(object.balance_transaction);
      expected.clearing += txn.amount - txn.fee;
      expected.fees += txn.fee;
      expected.revenue -= txn.amount;
      events.push({ id: event.id, type: event.type, delivery, chargeId: String(object.id) });
    } else if (event.type === "charge.refunded") {
      if (foreign.has(String(object.id))) continue;
      const refunds = (object.refunds as { data: { balance_transaction: string }[] }).data;
      const txn = bt(refunds.at(-1)!.balance_transaction);
      expected.clearing += txn.amount; // negative: the refund leaves the balance
      expected.refunds -= txn.amount;
      events.push({ id: event.id, type: event.type, delivery, chargeId: String(object.id) });
    } else if (event.type === "payout.paid") {
      const amount = Number(object.amount);
      expected.clearing -= amount;
      expected.bank += amount;
      events.push({ id: event.id, type: event.type, delivery });
    } else if (event.type === "customer.created") {
      events.push({ id: event.id, type: event.type, delivery });
    } else continue; // disputes: see above
    counts[event.type] = (counts[event.type] ?? 0) + 1;
  }
  return { events, expected, counts };
}

/**
 * The order Stripe delivers in under chaos: about `share` of refunds moved before the sale they refund, and
 * about `duplicateShare` of all events delivered twice (the copy a few places later, to the other process).
 */
export function shuffleAndDuplicate(events: ChaosEvent[], random: () => number, share = 0.5, duplicateShare = 0.15): ChaosEvent[] {
  const order = [...events];
  for (const refund of events.filter((e) => e.type === "charge.refunded")) {
    if (random() >= share) continue;
    const from = order.indexOf(refund);
    const to = order.findIndex((e) => e.type === "charge.succeeded" && e.chargeId === refund.chargeId);
    if (to < 0 || to > from) continue;
    order.splice(from, 1);
    order.splice(to, 0, refund);
  }
  const withCopies: ChaosEvent[] = [];
  const copies: { at: number; event: ChaosEvent }[] = [];
  order.forEach((event, i) => {
    withCopies.push(event);
    for (const copy of copies.filter((c) => c.at === i)) withCopies.push(copy.event);
    if (random() < duplicateShare) copies.push({ at: i + 1 + Math.floor(random() * 5), event });
  });
  for (const copy of copies.filter((c) => c.at >= order.length)) withCopies.push(copy.event);
  return withCopies;
}

/** A small seeded generator (mulberry32), so a failing run can be replayed with its seed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
