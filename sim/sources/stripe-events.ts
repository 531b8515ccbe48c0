import type Stripe from "stripe";
import { applyRate, rateNumber, roundDiv, stripeFee } from "./money";
import { createRandom, type Random } from "./random";
import { DISPUTE_REASONS, disputeObject, payoutObject } from "./stripe-dispute-payout-objects";
import { StripeLedger } from "./stripe-ledger";
import { balanceTransaction, chargeObject, customerObject, refundObject, stripeEvent, type BalanceInput, type Customer } from "./stripe-objects";

// A deterministic stream of the Stripe events a small US shop produces: sales in USD and some in EUR or GBP
// settled in USD, partial refunds, disputes that are later won or lost, new customers, and one payout at the end
// of each simulated day. Every balance transaction an event names is recorded in `ledger`, so the Stripe API
// stand-in (stripe-api.ts) can serve the fees the app fetches. A simulated day holds `eventsPerDay` steps;
// timestamps follow that simulated clock, not the wall clock.

export type StripeGeneratorOptions = {
  seed: number | string;
  /** Unix seconds at which the first simulated day starts (midnight UTC is tidy). */
  start?: number;
  eventsPerDay?: number;
};

/** Monday 5 January 2026, 00:00 UTC: a fixed default, so a seed alone fixes every byte. */
export const DEFAULT_START = Date.UTC(2026, 0, 5) / 1000;
const DAY = 86_400;
const DISPUTE_FEE = 1500; // Stripe's US dispute fee, returned when the dispute is won
const PRICES = [1299, 2450, 3999, 5900, 8900, 12900, 18999, 24900, 34900];
const PRODUCTS = ["Trail tent 2P", "Down jacket", "Hiking boots", "Camp stove", "Sleeping bag", "Headlamp", "Daypack 24L"];
const FIRST = ["Ada", "Ben", "Chloé", "Dev", "Elif", "Femi", "Grace", "Hiro", "Ines", "Jonas", "Kai", "Lena"];
const LAST = ["Okafor", "Lindqvist", "Moreau", "Patel", "Nakamura", "García", "Schmidt", "Byrne", "Rossi", "Kowalski"];
/** Settlement rates to USD, parts per million, around which each charge's rate wanders a little. */
const FOREIGN = { eur: { rate: 1_084_000, countries: ["DE", "FR", "NL", "IE"] }, gbp: { rate: 1_271_000, countries: ["GB"] } } as const;

type ChargeRecord = { charge: Stripe.Charge; settled: number; rate: number | null; refunded: boolean; disputed: boolean };
type OpenDispute = { dispute: Stripe.Dispute; record: ChargeRecord; withdrawal: Stripe.BalanceTransaction; reason: (typeof DISPUTE_REASONS)[number]; openedAt: number };

export class StripeEventGenerator {
  readonly ledger = new StripeLedger();
  private readonly random: Random;
  private readonly queue: Stripe.Event[] = [];
  private readonly customers: Customer[] = [];
  private readonly charges: ChargeRecord[] = [];
  private readonly disputes: OpenDispute[] = [];
  private unpaid: string[] = [];
  private dayStart: number;
  private stepInDay = 0;
  private steps = 0;
  private readonly eventsPerDay: number;
  private readonly stepSeconds: number;
  private readonly bankAccount: string;

  constructor(options: StripeGeneratorOptions) {
    this.random = createRandom(`stripe:${options.seed}`);
    this.dayStart = options.start ?? DEFAULT_START;
    this.eventsPerDay = Math.max(1, Math.floor(options.eventsPerDay ?? 24));
    this.stepSeconds = Math.floor(DAY / this.eventsPerDay);
    this.bankAccount = this.id("ba_");
  }

  /** The next event in the stream. */
  next(): Stripe.Event {
    while (this.queue.length === 0) this.step();
    return this.queue.shift() as Stripe.Event;
  }

  private step(): void {
    if (this.stepInDay >= this.eventsPerDay) {
      this.closeDay();
      if (this.queue.length > 0) return;
    }
    const now = this.dayStart + this.stepInDay * this.stepSeconds + this.random.int(0, this.stepSeconds - 1);
    this.stepInDay++;
    this.steps++;
    const due = this.disputes.find((d) => this.steps - d.openedAt >= 6);
    if (due && this.random.chance(0.3)) return this.closeDispute(due, now);
    const roll = this.random.next();
    const open = this.charges.slice(-50).filter((c) => !c.refunded && !c.disputed);
    if (roll < 0.1 && open.length > 0) return this.refund(this.random.pick(open), now);
    if (roll < 0.13 && open.length > 0) return this.openDispute(this.random.pick(open), now);
    this.sale(now);
  }

  private sale(now: number): void {
    const currency = this.random.pick(["usd", "usd", "usd", "usd", "usd", "usd", "usd", "eur", "eur", "gbp"] as const);
    const amount = this.random.pick(PRICES) * this.random.int(1, 3);
    const rate = currency === "usd" ? null : FOREIGN[currency].rate + this.random.int(-15_000, 15_000);
    const settled = rate === null ? amount : applyRate(amount, rate);
    const customer = this.customerFor(now);
    const id = this.id("ch_");
    const product = this.random.pick(PRODUCTS);
    const bt = this.recordTransaction({
      amount: settled,
      fee: stripeFee(settled),
      exchangeRate: rate === null ? null : rateNumber(rate),
      created: now,
      type: "charge",
      reportingCategory: "charge",
      source: id,
      description: product,
    });
    const charge = chargeObject({
      id,
      amount,
      currency,
      created: now,
      balanceTransaction: bt.id,
      paymentIntent: this.id("pi_"),
      paymentMethod: this.id("pm_"),
      customer,
      description: product,
      card: {
        brand: this.random.pick(["visa", "visa", "mastercard", "amex"]),
        last4: this.random.chars(4, "0123456789"),
        country: currency === "usd" ? "US" : this.random.pick(FOREIGN[currency].countries),
        expMonth: this.random.int(1, 12),
        expYear: this.random.int(2027, 2032),
        fingerprint: this.random.chars(16),
      },
    });
    this.charges.push({ charge, settled, rate, refunded: false, disputed: false });
    if (this.charges.length > 200) this.charges.shift();
    this.emit<Stripe.ChargeSucceededEvent>("charge.succeeded", charge, now, { byRequest: true });
  }

  private refund(record: ChargeRecord, now: number): void {
    const { charge } = record;
    // A partial refund: 20-60 % of the charge, at least 1.00, never all of it.
    const amount = Math.min(charge.amount - 1, Math.max(100, roundDiv(charge.amount * this.random.int(20, 60), 100)));
    const id = this.id("re_");
    const bt = this.recordTransaction({
      amount: -(record.rate === null ? amount : applyRate(amount, record.rate)),
      fee: 0, // Stripe keeps its processing fee on refunds
      exchangeRate: record.rate === null ? null : rateNumber(record.rate),
      created: now,
      type: "refund",
      reportingCategory: "refund",
      source: id,
      description: "REFUND FOR CHARGE (requested by customer)",
    });
    const refund = refundObject({ id, amount, charge, created: now, balanceTransaction: bt.id });
    const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
    charge.amount_refunded += amount;
    charge.refunded = charge.amount_refunded === charge.amount;
    charge.refunds = { object: "list", data: [...(charge.refunds?.data ?? []), refund], has_more: false, url: `/v1/charges/${charge.id}/refunds` };
    record.refunded = true;
    this.emit<Stripe.ChargeRefundedEvent>("charge.refunded", charge, now, { byRequest: true, previous });
  }

  private openDispute(record: ChargeRecord, now: number): void {
    const id = this.id("dp_");
    const withdrawal = this.recordTransaction({
      amount: -record.settled,
      fee: DISPUTE_FEE,
      feeDescription: "Dispute fee",
      exchangeRate: record.rate === null ? null : rateNumber(record.rate),
      created: now,
      type: "adjustment",
      reportingCategory: "dispute",
      source: id,
      description: `Chargeback withdrawal for ${record.charge.id}`,
    });
    const reason = this.random.pick(DISPUTE_REASONS);
    const dispute = disputeObject({ id, charge: record.charge, created: now, reason, status: "needs_response", balanceTransactions: [withdrawal], submitted: false });
    record.disputed = true;
    record.charge.disputed = true;
    this.disputes.push({ dispute, record, withdrawal, reason, openedAt: this.steps });
    this.emit<Stripe.ChargeDisputeCreatedEvent>("charge.dispute.created", dispute, now, { byRequest: false });
  }

  private closeDispute(open: OpenDispute, now: number): void {
    this.disputes.splice(this.disputes.indexOf(open), 1);
    const won = this.random.chance(0.4);
    const transactions = [open.withdrawal];
    if (won) {
      transactions.push(
        this.recordTransaction({
          amount: open.record.settled,
          fee: -DISPUTE_FEE,
          feeDescription: "Dispute fee refund",
          exchangeRate: open.withdrawal.exchange_rate,
          created: now,
          type: "adjustment",
          reportingCategory: "dispute_reversal",
          source: open.dispute.id,
          description: `Chargeback reversal for ${open.record.charge.id}`,
        }),
      );
    }
    const { record, reason } = open;
    const dispute = disputeObject({ id: open.dispute.id, charge: record.charge, created: open.dispute.created, reason, status: won ? "won" : "lost", balanceTransactions: transactions, submitted: true });
    this.emit<Stripe.ChargeDisputeClosedEvent>("charge.dispute.closed", dispute, now, { byRequest: false, previous: { status: "under_review" } });
  }

  /** The day's payout: everything that reached the balance since the last one, net of fees. */
  private closeDay(): void {
    const dayEnd = this.dayStart + DAY;
    const net = this.unpaid.reduce((sum, id) => sum + (this.ledger.get(id)?.net ?? 0), 0);
    // A day whose refunds and disputes outweigh its sales pays nothing; its transactions wait for the next payout.
    if (this.unpaid.length > 0 && net > 0) {
      const id = this.id("po_");
      const own = balanceTransaction({ ...this.newTransaction(), amount: -net, fee: 0, exchangeRate: null, created: dayEnd - 1, availableOn: dayEnd, type: "payout", reportingCategory: "payout", source: id, description: "STRIPE PAYOUT" });
      this.ledger.record(own);
      this.ledger.settle(id, [...this.unpaid, own.id]);
      this.unpaid = [];
      const payout = payoutObject({ id, amount: net, created: dayEnd - 1, arrivalDate: dayEnd, balanceTransaction: own.id, destination: this.bankAccount, traceId: this.random.chars(15, "0123456789") });
      this.emit<Stripe.PayoutPaidEvent>("payout.paid", payout, dayEnd, { byRequest: false });
    }
    this.dayStart = dayEnd;
    this.stepInDay = 0;
  }

  /** A known customer, a new one (announced by customer.created first), or a guest checkout (null). */
  private customerFor(now: number): Customer | null {
    if (this.random.chance(0.2)) return null;
    if (this.customers.length >= 3 && !this.random.chance(0.3)) return this.random.pick(this.customers);
    const first = this.random.pick(FIRST);
    const last = this.random.pick(LAST);
    const customer: Customer = { id: this.id("cus_", 14), name: `${first} ${last}`, email: `${ascii(first)}.${ascii(last)}@example.com`, created: now };
    this.customers.push(customer);
    if (this.customers.length > 500) this.customers.shift();
    this.emit<Stripe.CustomerCreatedEvent>("customer.created", customerObject(customer), now, { byRequest: true });
    return customer;
  }

  private newTransaction(): { id: string } {
    return { id: this.id("txn_") };
  }

  private recordTransaction(input: Omit<BalanceInput, "id" | "availableOn">): Stripe.BalanceTransaction {
    const bt = balanceTransaction({ ...input, ...this.newTransaction(), availableOn: this.dayStart + DAY });
    this.ledger.record(bt);
    this.unpaid.push(bt.id);
    return bt;
  }

  private emit<E extends Stripe.Event>(type: E["type"], object: E["data"]["object"], created: number, how: { byRequest: boolean; previous?: Record<string, unknown> }): void {
    // A snapshot: the charge object changes later (refunds, disputes) and an event must not change with it.
    this.queue.push(
      stripeEvent<E>(type, structuredClone(object), {
        id: this.id("evt_"),
        created,
        requestId: how.byRequest ? this.id("req_", 14) : null,
        idempotencyKey: how.byRequest ? this.random.uuid() : null,
        previous: how.previous,
      }),
    );
  }

  private id(prefix: string, length = 24): string {
    return prefix + this.random.chars(length);
  }
}

function ascii(name: string): string {
  return name.normalize("NFD").replace(/[^A-Za-z]/g, "").toLowerCase();
}
