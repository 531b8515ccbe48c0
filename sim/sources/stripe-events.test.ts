import { readFileSync } from "node:fs";
import path from "node:path";
import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { roundDiv, stripeFee } from "./money";
import { StripeEventGenerator } from "./stripe-events";

const FIXTURES = path.resolve(import.meta.dirname, "../../test/payloads/stripe");
const fixture = (name: string) => JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), "utf8")) as Record<string, unknown>;

function take(count: number, seed: number | string = 7, eventsPerDay = 12) {
  const generator = new StripeEventGenerator({ seed, eventsPerDay });
  const events = Array.from({ length: count }, () => generator.next());
  return { generator, events };
}

const ofType = <T extends Stripe.Event["type"]>(events: Stripe.Event[], type: T) =>
  events.filter((e): e is Extract<Stripe.Event, { type: T }> => e.type === type);

describe("the Stripe event generator", () => {
  it("yields the same events, byte for byte, for the same seed, and others for another seed", () => {
    const a = JSON.stringify(take(300, "same").events);
    expect(JSON.stringify(take(300, "same").events)).toBe(a);
    expect(JSON.stringify(take(300, "other").events)).not.toBe(a);
  });

  it("produces the realistic mix: sales, partial refunds, disputes opened and closed, customers, payouts", () => {
    const { events } = take(600);
    const types = new Set(events.map((e) => e.type));
    expect([...types].sort()).toEqual(["charge.dispute.closed", "charge.dispute.created", "charge.refunded", "charge.succeeded", "customer.created", "payout.paid"]);
    const closed = ofType(events, "charge.dispute.closed").map((e) => e.data.object.status);
    expect(new Set(closed)).toEqual(new Set(["won", "lost"]));
  });

  it("shapes objects like Stripe's own fixtures (every fixture field present)", () => {
    const { events, generator } = take(600);
    const first = <T extends Stripe.Event["type"]>(type: T) => ofType(events, type)[0]!.data.object as unknown as Record<string, unknown>;
    const expectFields = (ours: Record<string, unknown>, theirs: Record<string, unknown>) => expect(Object.keys(ours)).toEqual(expect.arrayContaining(Object.keys(theirs)));
    expectFields(events[0] as unknown as Record<string, unknown>, fixture("event"));
    expectFields(first("charge.succeeded"), fixture("charge"));
    expectFields(first("customer.created"), fixture("customer"));
    expectFields(first("charge.dispute.created"), fixture("dispute"));
    expectFields(first("payout.paid"), fixture("payout"));
    expectFields(ofType(events, "charge.refunded")[0]!.data.object.refunds!.data[0] as unknown as Record<string, unknown>, fixture("refund"));
    expectFields(generator.ledger.list()[0] as unknown as Record<string, unknown>, fixture("balance_transaction"));
  });

  it("names each charge's balance transaction by id and records it: fee 2.9 % + 30, net = amount - fee", () => {
    const { events, generator } = take(300);
    const charges = ofType(events, "charge.succeeded").map((e) => e.data.object);
    for (const charge of charges) {
      expect(charge.balance_transaction).toMatch(/^txn_[A-Za-z0-9]{24}$/);
      const bt = generator.ledger.get(charge.balance_transaction as string)!;
      expect(bt).toMatchObject({ currency: "usd", type: "charge", source: charge.id, fee: stripeFee(bt.amount), net: bt.amount - bt.fee });
      if (charge.currency === "usd") expect(bt).toMatchObject({ amount: charge.amount, exchange_rate: null });
      else expect(bt.amount).toBe(roundDiv(charge.amount * Math.round(bt.exchange_rate! * 1e6), 1e6));
    }
    expect(new Set(charges.map((c) => c.currency))).toEqual(new Set(["usd", "eur", "gbp"]));
    expect(new Set(charges.map((c) => c.customer === null))).toEqual(new Set([true, false]));
  });

  it("rounds fees half away from zero, on integers", () => {
    expect([stripeFee(500), stripeFee(1000), stripeFee(1724), stripeFee(2000)]).toEqual([45, 59, 80, 88]); // 14.5 -> 15, 28.996 -> 29, 49.996 -> 50, 58 -> 58
    expect([roundDiv(5, 10), roundDiv(-5, 10), roundDiv(4, 10), roundDiv(-15, 10)]).toEqual([1, -1, 0, -2]);
  });

  it("refunds part of a charge, and the refund's balance transaction gives back no fee", () => {
    const { events, generator } = take(400);
    const refunded = ofType(events, "charge.refunded").map((e) => e.data.object);
    expect(refunded.length).toBeGreaterThan(0);
    for (const charge of refunded) {
      const refund = charge.refunds!.data[0]!;
      expect(refund.amount).toBeLessThan(charge.amount);
      expect(charge).toMatchObject({ amount_refunded: refund.amount, refunded: false });
      expect(generator.ledger.get(refund.balance_transaction as string)).toMatchObject({ type: "refund", fee: 0, source: refund.id });
    }
  });

  it("pays out once a simulated day exactly the sum of that day's nets", () => {
    const { events, generator } = take(600, 11, 10);
    const payouts = ofType(events, "payout.paid").map((e) => e.data.object);
    expect(payouts.length).toBeGreaterThan(10);
    let paid = 0;
    for (const payout of payouts) {
      const listed = generator.ledger.listPayout(payout.id)!;
      const settled = listed.filter((bt) => bt.type !== "payout");
      const own = listed.find((bt) => bt.type === "payout")!;
      const sum = (f: (bt: Stripe.BalanceTransaction) => number) => settled.reduce((total, bt) => total + f(bt), 0);
      expect(sum((bt) => bt.net)).toBe(payout.amount);
      expect(sum((bt) => bt.amount) - sum((bt) => bt.fee)).toBe(payout.amount);
      expect(own).toMatchObject({ id: payout.balance_transaction, amount: -payout.amount, fee: 0 });
      expect(settled.every((bt) => bt.status === "available" && bt.created < payout.arrival_date)).toBe(true);
      paid += settled.length;
    }
    // Every balance transaction that was paid out was paid out once.
    const ids = payouts.flatMap((p) => generator.ledger.listPayout(p.id)!.map((bt) => bt.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(paid).toBeGreaterThan(payouts.length);
  });

  it("records every balance transaction an event names", () => {
    const { events, generator } = take(500);
    const named = events.flatMap((e) => {
      const o = e.data.object as unknown as Record<string, unknown>;
      const refunds = (o.refunds as Stripe.ApiList<Stripe.Refund> | undefined)?.data ?? [];
      const disputes = (o.balance_transactions as Stripe.BalanceTransaction[] | undefined) ?? [];
      return [o.balance_transaction, ...refunds.map((r) => r.balance_transaction), ...disputes.map((bt) => bt.id)].filter((id): id is string => typeof id === "string");
    });
    expect(named.length).toBeGreaterThan(300);
    for (const id of named) expect(generator.ledger.get(id), id).toBeDefined();
  });
});
