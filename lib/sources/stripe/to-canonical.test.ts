import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { formatMinorUnits } from "../../canonical";
import { AppError } from "../../errors/app-error";
import { EVENT_ID, FIXTURE_TIME, fixture, keys, only, stripeEvent, withTransactions } from "./test-kit";
import { stripeToCanonical } from "./to-canonical";

const CHARGE_ID = "ch_1PgafuB7WZ01zgkWXYmPNZs8";
const BT_ID = "txn_1PgaxNB7WZ01zgkWEV3TLf40";
const CUSTOMER_ID = "cus_QXg1o8vcGmoR32";
const INVOICE_ID = "in_1Pgc6tB7WZ01zgkWu9fdqL6I";

/** The fixture charge, captured in full (the fixture is an uncaptured authorisation), plus the scenario's changes. */
function capturedCharge(changes: Partial<Stripe.Charge> & { invoice?: unknown } = {}): Stripe.Charge {
  const charge = { ...fixture("charge"), captured: true, ...changes };
  return { ...charge, amount_captured: charge.amount };
}

/** The fixture balance transaction of the charge, with the scenario's amount, fee and currency. */
function chargeTransaction(changes: Partial<Stripe.BalanceTransaction>): Stripe.BalanceTransaction {
  const bt = { ...fixture("balance_transaction"), ...changes };
  return { ...bt, net: bt.amount - bt.fee };
}

describe("stripeToCanonical: charges", () => {
  it("books a succeeded charge without an invoice as a sale, with Stripe's fee and the customer", () => {
    // Changed: captured, a customer and a payment intent; the balance transaction's fee (the fixture's is 0).
    const charge = capturedCharge({ customer: CUSTOMER_ID, payment_intent: "pi_1PgafyB7WZ01zgkWSjxsAJo3" });
    const result = stripeToCanonical(stripeEvent("charge.succeeded", charge), withTransactions(chargeTransaction({ fee: 33 })));

    const sale = only(result);
    expect(sale).toMatchObject({
      kind: "SALE",
      source: "STRIPE",
      currency: "USD",
      amountMinor: 100,
      feeMinor: 33,
      occurredAt: FIXTURE_TIME,
      customer: { sourceId: CUSTOMER_ID, name: "Jenny Rosen" },
      lines: [{ description: "My First Test Charge (created for API docs)", quantity: "1", amountMinor: 100 }],
      sourceIds: { object: CHARGE_ID, event: EVENT_ID, paymentIntent: "pi_1PgafyB7WZ01zgkWSjxsAJo3", balanceTransaction: BT_ID },
    });
    expect(sale.settlement).toBeUndefined();
    expect(keys(result)).toEqual([`stripe:sale:${CHARGE_ID}`]);
  });

  it("records what a EUR sale became in USD, and leaves the USD fee to the payout", () => {
    // Changed: the charge is in EUR; Stripe converted it to 1.09 USD at 1.0864 and kept a 0.33 USD fee.
    const charge = capturedCharge({ currency: "eur" });
    const bt = chargeTransaction({ amount: 109, fee: 33, exchange_rate: 1.0864 });
    const sale = only(stripeToCanonical(stripeEvent("charge.succeeded", charge), withTransactions(bt)));

    expect(sale).toMatchObject({ kind: "SALE", currency: "EUR", amountMinor: 100, settlement: { currency: "USD", amountMinor: 109, exchangeRate: "1.0864" } });
    // The fee is in USD and a canonical fee has no currency: booking 33 as euro cents would misstate it.
    expect(sale).toMatchObject({ feeMinor: undefined });
  });

  it("keeps a zero-decimal JPY amount as it is: 1000 means ¥1000", () => {
    // Changed: the charge and its balance transaction are in JPY.
    const charge = capturedCharge({ currency: "jpy", amount: 1000 });
    const sale = only(stripeToCanonical(stripeEvent("charge.succeeded", charge), withTransactions(chargeTransaction({ currency: "jpy", amount: 1000, fee: 36 }))));

    expect(sale).toMatchObject({ currency: "JPY", amountMinor: 1000, feeMinor: 36 });
    expect(formatMinorUnits(sale.amountMinor, sale.currency)).toBe("1000");
  });

  it("reads ISK the way Stripe sends it, two-decimal, into whole krónur", () => {
    // Changed: a 500 kr charge; Stripe writes ISK with two (always zero) decimals, ISO 4217 with none.
    const charge = capturedCharge({ currency: "isk", amount: 50_000 });
    const sale = only(stripeToCanonical(stripeEvent("charge.succeeded", charge), withTransactions(chargeTransaction({ currency: "isk", amount: 50_000, fee: 1_500 }))));

    expect(sale).toMatchObject({ currency: "ISK", amountMinor: 500, feeMinor: 15 });
  });

  it.each([
    { scenario: "in full", amount: 1000, partial: false },
    { scenario: "in part", amount: 400, partial: true },
  ])("books a charge that paid an invoice $scenario as a payment against it", ({ amount, partial }) => {
    // Changed: the charge names its invoice, expanded (API versions before 2025-03-31.basil), for `amount` of the
    // invoice's 1000 due.
    const charge = capturedCharge({ amount, invoice: fixture("invoice") });
    const bt = chargeTransaction({ amount, fee: 32 });
    const result = stripeToCanonical(stripeEvent("charge.succeeded", charge), withTransactions(bt));

    expect(only(result)).toMatchObject({
      kind: "PAYMENT",
      amountMinor: amount,
      appliedTo: [{ invoiceSourceId: INVOICE_ID, amountMinor: amount }],
      partial,
      method: "card",
      feeMinor: 32,
      sourceIds: { object: CHARGE_ID, invoice: INVOICE_ID },
    });
    expect(keys(result)).toEqual([`stripe:payment:${CHARGE_ID}`]);
  });

  it("links a charge to its invoice through the context on API versions where the charge no longer names it", () => {
    const result = stripeToCanonical(stripeEvent("charge.succeeded", capturedCharge()), {
      ...withTransactions(chargeTransaction({})),
      chargeInvoices: { [CHARGE_ID]: INVOICE_ID },
    });

    // Only the id is known, so the payment cannot be shown to be partial.
    expect(only(result)).toMatchObject({ kind: "PAYMENT", appliedTo: [{ invoiceSourceId: INVOICE_ID, amountMinor: 100 }], partial: false });
  });

  it("books the same charge once whether it arrives as charge.succeeded or charge.captured", () => {
    const context = withTransactions(chargeTransaction({ fee: 33 }));
    const succeeded = stripeToCanonical(stripeEvent("charge.succeeded", capturedCharge()), context);
    const captured = stripeToCanonical(stripeEvent("charge.captured", capturedCharge()), context);

    expect(keys(captured)).toEqual(keys(succeeded));
  });

  it("does not book an authorisation that has not been captured", () => {
    // Unchanged fixture: `captured: false`.
    const result = stripeToCanonical(stripeEvent("charge.succeeded", fixture("charge")), withTransactions());

    expect(result.events).toEqual([]);
    expect(result.ignoredBecause).toContain("only authorised");
  });

  it("asks for a retry when Stripe has not created the charge's balance transaction yet", () => {
    // Changed: no balance transaction yet.
    const event = stripeEvent("charge.succeeded", capturedCharge({ balance_transaction: null }));

    expect(() => stripeToCanonical(event, withTransactions())).toThrow(
      expect.objectContaining({ code: "VALIDATION_FAILED", message: `Stripe charge ${CHARGE_ID} has no balance transaction yet, so Stripe's fee is not known; it will be retried.` }),
    );
  });

  it("names the balance transaction the shell still has to fetch", () => {
    const event = stripeEvent("charge.succeeded", capturedCharge());

    expect(() => stripeToCanonical(event, withTransactions())).toThrow(expect.objectContaining({ code: "VALIDATION_FAILED", details: { balanceTransaction: BT_ID, retryable: true } }));
  });
});

describe("stripeToCanonical: events it does not book", () => {
  it("ignores an event type that changes nothing in the accounts, with the reason", () => {
    // The fixture event as it is: a plan.created.
    const result = stripeToCanonical(fixture("event"), withTransactions());

    expect(result).toEqual({ events: [], ignoredBecause: 'Ledgerwire does not book Stripe "plan.created" events: they change nothing in the accounts.' });
  });

  it("ignores a failed payout: no money reached the bank", () => {
    // Changed: the payout failed.
    const result = stripeToCanonical(stripeEvent("payout.failed", { ...fixture("payout"), status: "failed" }), withTransactions());

    expect(result.events).toEqual([]);
    expect(result.ignoredBecause).toContain("no money reached the bank");
  });

  it("turns a payload missing data Stripe always sends into a validation error, not a crash", () => {
    // Changed: the dispute lost its balance_transactions list.
    const dispute: Partial<Stripe.Dispute> = { ...fixture("dispute"), status: "needs_response" };
    delete dispute.balance_transactions;

    const run = () => stripeToCanonical(stripeEvent("charge.dispute.created", dispute), withTransactions());
    expect(run).toThrow(AppError);
    expect(run).toThrow(expect.objectContaining({ code: "VALIDATION_FAILED", message: expect.stringContaining("missing data Stripe always sends") }));
  });
});
