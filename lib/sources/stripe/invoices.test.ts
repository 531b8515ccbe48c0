import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { missingTaxRates } from "./missing-tax-rates";
import { EVENT_ID, fixture, keys, only, stripeEvent, withTransactions } from "./test-kit";
import { stripeToCanonical } from "./to-canonical";

const INVOICE_ID = "in_1Pgc6tB7WZ01zgkWu9fdqL6I";
const CUSTOMER_ID = "cus_QXg1o8vcGmoR32";
const SUBSCRIPTION_ID = "sub_1Pgc7AB7WZ01zgkWqKMPqT2C";
const JUL_26 = 1721954054;
const AUG_26 = JUL_26 + 31 * 86_400;

/** The fixture invoice (a 10.00 draft), finalised: open, with the scenario's changes. */
function finalised(changes: Partial<Stripe.Invoice> = {}): Stripe.Invoice {
  return { ...fixture("invoice"), status: "open", ...changes };
}

/** The fixture invoice line with the scenario's amount, description, period and proration, as a subscription item. */
function subscriptionLine(id: string, amount: number, description: string, proration: boolean, start: number): Stripe.InvoiceLineItem {
  const line = fixture("invoice").lines.data[0]!;
  const details = { ...line.parent!.subscription_item_details!, proration, subscription: SUBSCRIPTION_ID };
  return { ...line, id, amount, description, period: { start, end: AUG_26 }, parent: { ...line.parent!, type: "subscription_item_details", subscription_item_details: details } };
}

/** The fixture invoice as a subscription's: a plan line and a proration credit, 10.00 in all. */
function subscriptionInvoice(lines: Stripe.InvoiceLineItem[]): Stripe.Invoice {
  const invoice = finalised();
  const parent: Stripe.Invoice.Parent = { type: "subscription_details", quote_details: null, subscription_details: { metadata: null, subscription: SUBSCRIPTION_ID } };
  return { ...invoice, parent, billing_reason: "subscription_update", lines: { ...invoice.lines, data: lines } };
}

const planLine = subscriptionLine("il_plan", 2000, "1 × Pro (at $20.00 / month)", false, JUL_26);
const prorationLine = subscriptionLine("il_credit", -1000, "Unused time on Pro after 26 Jul 2024", true, JUL_26 + 15 * 86_400);

// There is no tax-rate fixture in the shared collection; this one has the fields of Stripe's TaxRate type.
const NY_SALES_TAX: Stripe.TaxRate = {
  id: "txr_1PgcNYB7WZ01zgkW",
  object: "tax_rate",
  active: true,
  country: "US",
  created: 1234567890,
  description: null,
  display_name: "Sales Tax",
  effective_percentage: 8.875,
  flat_amount: null,
  inclusive: false,
  jurisdiction: "NY",
  jurisdiction_level: "state",
  livemode: false,
  metadata: {},
  percentage: 8.875,
  rate_type: "percentage",
  state: "NY",
  tax_type: "sales_tax",
};
const lineTax: Stripe.InvoiceLineItem.Tax = {
  amount: 178,
  tax_behavior: "exclusive",
  tax_rate_details: { tax_rate: NY_SALES_TAX.id },
  taxability_reason: "standard_rated",
  taxable_amount: 2000,
  type: "tax_rate_details",
};

describe("stripeToCanonical: invoices", () => {
  it("books a finalised one-off invoice as issued, to its customer, due on its due date", () => {
    const result = stripeToCanonical(stripeEvent("invoice.finalized", finalised()), withTransactions());

    expect(only(result)).toMatchObject({
      kind: "INVOICE_ISSUED",
      currency: "USD",
      amountMinor: 1000,
      customer: { sourceId: CUSTOMER_ID },
      dueAt: "2009-02-13T23:31:30.000Z",
      lines: [{ description: "My First Invoice Item (created for API docs)", quantity: "1", amountMinor: 1000 }],
      taxes: [],
      sourceIds: { object: INVOICE_ID, event: EVENT_ID },
    });
    expect(keys(result)).toEqual([`stripe:invoice_issued:${INVOICE_ID}`]);
  });

  it("books a discounted line at what the customer is charged, with the discount beside it", () => {
    // Changed: a 2.00 coupon on the fixture's 10.00 line; Stripe lists it beside the undiscounted line amount, and
    // in the invoice's total_discount_amounts.
    const invoice = finalised({ total: 800, total_discount_amounts: [{ amount: 200, discount: "di_1PgcCouponB7WZ01zgkW" }] });
    const line = { ...invoice.lines.data[0]!, discount_amounts: [{ amount: 200, discount: "di_1PgcCouponB7WZ01zgkW" }] };
    const booked = only(stripeToCanonical(stripeEvent("invoice.finalized", { ...invoice, lines: { ...invoice.lines, data: [line] } }), withTransactions()));

    expect(booked).toMatchObject({ amountMinor: 800, lines: [{ amountMinor: 800, discountMinor: 200 }] });
  });

  it("books a subscription's invoice with its proration credit and the service period of its lines", () => {
    const result = stripeToCanonical(stripeEvent("invoice.finalized", subscriptionInvoice([planLine, prorationLine])), withTransactions());

    expect(only(result)).toMatchObject({
      kind: "SUBSCRIPTION_INVOICE",
      subscriptionSourceId: SUBSCRIPTION_ID,
      amountMinor: 1000,
      paid: false,
      periodStart: new Date(JUL_26 * 1000).toISOString(),
      periodEnd: new Date(AUG_26 * 1000).toISOString(),
      lines: [
        { description: "1 × Pro (at $20.00 / month)", amountMinor: 2000, proration: false },
        { description: "Unused time on Pro after 26 Jul 2024", amountMinor: -1000, proration: true },
      ],
    });
    expect(keys(result)).toEqual([`stripe:subscription_invoice:${INVOICE_ID}`]);
  });

  it("puts Stripe's per-line tax on the line, with the rate's percentage and jurisdiction", () => {
    // Changed: the plan line alone (20.00) with 1.78 of NY sales tax, and the totals Stripe gives such an invoice.
    const taxed = { ...subscriptionInvoice([{ ...planLine, taxes: [lineTax] }]), subtotal: 2000, total: 2178, total_taxes: [lineTax] };
    const booked = only(stripeToCanonical(stripeEvent("invoice.finalized", taxed), { ...withTransactions(), taxRates: { [NY_SALES_TAX.id]: NY_SALES_TAX } }));

    expect(booked).toMatchObject({
      lines: [{ amountMinor: 2000, taxes: [{ name: "Sales Tax", ratePercent: "8.875", jurisdiction: "US-NY", amountMinor: 178, inclusive: false }] }],
      taxes: [],
    });
  });

  it("takes invoice-level taxes from the older total_tax_amounts, inclusive when Stripe says so", () => {
    // Changed: an API version before 2025-03-31.basil, with the rate expanded and VAT included in the prices.
    const vat: Stripe.TaxRate = { ...NY_SALES_TAX, display_name: "VAT", percentage: 20, country: "GB", state: null, inclusive: true };
    const invoice = { ...finalised(), total_tax_amounts: [{ amount: 167, inclusive: true, tax_rate: vat }] };
    const booked = only(stripeToCanonical(stripeEvent("invoice.finalized", invoice), withTransactions()));

    expect(booked).toMatchObject({ taxes: [{ name: "VAT", ratePercent: "20", jurisdiction: "GB", amountMinor: 167, inclusive: true }] });
  });

  it("takes the rate from the payload when an older API version carries it in full beside the amount's id", () => {
    // Changed: an API version before 2025-03-31.basil: the line's tax amount names Stripe's documented 16 % VAT
    // rate by id, and the line lists that rate in full under `tax_rates`; totals raised by the 1.60 of tax.
    const vat = fixture("tax_rate");
    const invoice = finalised({ total: 1160 });
    const line = { ...invoice.lines.data[0]!, taxes: undefined, tax_amounts: [{ amount: 160, inclusive: false, tax_rate: vat.id }], tax_rates: [vat] };
    const event = stripeEvent("invoice.finalized", { ...invoice, lines: { ...invoice.lines, data: [line] } });

    expect(missingTaxRates(event)).toEqual([]);
    expect(only(stripeToCanonical(event, withTransactions()))).toMatchObject({
      lines: [{ amountMinor: 1000, taxes: [{ name: "VAT", ratePercent: "16", jurisdiction: "DE", amountMinor: 160, inclusive: false }] }],
    });
  });

  it("names the tax rates the shell must fetch: those the payload names by id only, each once", () => {
    const taxed = subscriptionInvoice([{ ...planLine, taxes: [lineTax] }, { ...prorationLine, taxes: [{ ...lineTax, amount: -89 }] }]);
    expect(missingTaxRates(stripeEvent("invoice.finalized", { ...taxed, total_taxes: [lineTax] }))).toEqual([NY_SALES_TAX.id]);
    expect(missingTaxRates(stripeEvent("invoice.finalized", finalised()))).toEqual([]);
  });

  it("asks for the tax rate rather than guess the percentage", () => {
    const taxed = subscriptionInvoice([{ ...planLine, taxes: [lineTax] }]);

    expect(() => stripeToCanonical(stripeEvent("invoice.finalized", taxed), withTransactions())).toThrow(
      expect.objectContaining({ code: "VALIDATION_FAILED", message: expect.stringContaining(`Stripe tax rate ${NY_SALES_TAX.id}, whose percentage has not been fetched yet`) }),
    );
  });

  it("sends tax without a named rate to a person at once: there is nothing to fetch, so retrying cannot help", () => {
    // Changed: the line's tax names no rate.
    const taxed = subscriptionInvoice([{ ...planLine, taxes: [{ ...lineTax, tax_rate_details: null }] }]);
    const run = () => stripeToCanonical(stripeEvent("invoice.finalized", taxed), withTransactions());

    expect(run).toThrow(`Stripe invoice ${INVOICE_ID} charges 1.78 USD of tax without naming its Stripe tax rate, so its percentage is unknown.`);
    expect(run).toThrow(expect.objectContaining({ details: {} }));
  });

  it("refuses an invoice whose event carries only part of its lines", () => {
    const invoice = finalised();
    const truncated = { ...invoice, lines: { ...invoice.lines, has_more: true } };

    expect(() => stripeToCanonical(stripeEvent("invoice.finalized", truncated), withTransactions())).toThrow(
      expect.objectContaining({ code: "VALIDATION_FAILED", message: `Stripe invoice ${INVOICE_ID} has more lines than its event carries; fetch the invoice's lines to book it.` }),
    );
  });

  it.each([
    { scenario: "in full", paid: 1000, remaining: 0, partial: false },
    { scenario: "in part", paid: 600, remaining: 400, partial: true },
  ])("books an invoice paid outside Stripe $scenario as a payment against it", ({ paid, remaining, partial }) => {
    // Changed: paid (or partly paid) out of band; no Stripe payment named.
    const invoice = finalised({ status: "paid", amount_paid: paid, amount_remaining: remaining });
    const result = stripeToCanonical(stripeEvent("invoice.paid", invoice), withTransactions());

    expect(only(result)).toMatchObject({ kind: "PAYMENT", amountMinor: paid, appliedTo: [{ invoiceSourceId: INVOICE_ID, amountMinor: paid }], partial });
    expect(keys(result)).toEqual([`stripe:payment:${INVOICE_ID}`]);
  });

  it.each([
    { scenario: "the charge it names (before 2025-03-31.basil)", changes: { charge: "ch_1PgafuB7WZ01zgkWXYmPNZs8" }, names: "ch_1PgafuB7WZ01zgkWXYmPNZs8" },
    {
      scenario: "its payments list (since 2025-03-31.basil)",
      changes: { payments: { object: "list", has_more: false, url: "/v1/invoice_payments", data: [{ status: "paid", payment: { type: "payment_intent", payment_intent: "pi_1PgafyB7WZ01zgkWSjxsAJo3" } }] } },
      names: "pi_1PgafyB7WZ01zgkWSjxsAJo3",
    },
  ])("leaves an invoice paid through Stripe to the charge's event, found by $scenario", ({ changes, names }) => {
    const invoice = { ...finalised({ status: "paid", amount_paid: 1000, amount_remaining: 0 }), ...changes };
    const result = stripeToCanonical(stripeEvent("invoice.paid", invoice), withTransactions());

    expect(result.events).toEqual([]);
    expect(result.ignoredBecause).toBe(`Stripe invoice ${INVOICE_ID} was paid through Stripe (${names}); that payment is booked from the charge's own event, with Stripe's fee.`);
  });

  it("refuses an invoice without a customer: there is no one to invoice", () => {
    expect(() => stripeToCanonical(stripeEvent("invoice.finalized", finalised({ customer: null })), withTransactions())).toThrow(
      expect.objectContaining({ code: "VALIDATION_FAILED", message: `Stripe invoice ${INVOICE_ID} has no customer, so there is no one to invoice in QuickBooks.` }),
    );
  });

  describe("an invoice whose lines do not add up to its totals goes to a person, not to the books", () => {
    /** The fixture invoice with one line changed, finalised; the totals stay as the fixture has them unless given. */
    function withLine(line: Partial<Stripe.InvoiceLineItem>, totals: Partial<Stripe.Invoice> = {}): Stripe.Invoice {
      const invoice = finalised(totals);
      return { ...invoice, lines: { ...invoice.lines, data: [{ ...invoice.lines.data[0]!, ...line }] } };
    }
    const book = (invoice: Stripe.Invoice) => () => stripeToCanonical(stripeEvent("invoice.finalized", invoice), withTransactions());

    it("refuses lines that come to more than the invoice's total", () => {
      // Changed: the line says 12.00 while the invoice's subtotal and total stay 10.00.
      expect(book(withLine({ amount: 1200 }))).toThrow(
        expect.objectContaining({
          code: "VALIDATION_FAILED",
          message:
            `Stripe invoice ${INVOICE_ID} does not add up: its lines come to 12.00 USD before discounts, but Stripe's subtotal is 10.00 USD (2.00 USD apart). ` +
            "Check the invoice in Stripe; it is booked once its lines and totals agree.",
        }),
      );
    });

    it("refuses a discount the lines carry but the invoice's totals do not", () => {
      // Changed: a 2.00 discount on the line, but no discount in total_discount_amounts and the total still 10.00.
      expect(book(withLine({ discount_amounts: [{ amount: 200, discount: "di_1PgcCouponB7WZ01zgkW" }] }))).toThrow(
        `Stripe invoice ${INVOICE_ID} does not add up: its lines' discounts come to 2.00 USD, but Stripe's discount total is 0.00 USD (2.00 USD apart).`,
      );
    });

    it("refuses a tax on the lines that differs from the invoice's tax", () => {
      // Changed: 1.78 of tax on the line, but total_taxes (and the total) say 1.00.
      const invoiceTax = { ...lineTax, amount: 100 };
      const invoice = withLine({ taxes: [lineTax] }, { total: 1178, total_taxes: [invoiceTax] });
      const run = () => stripeToCanonical(stripeEvent("invoice.finalized", invoice), { ...withTransactions(), taxRates: { [NY_SALES_TAX.id]: NY_SALES_TAX } });
      expect(run).toThrow(`Stripe invoice ${INVOICE_ID} does not add up: its taxes come to 1.78 USD, but Stripe's tax total is 1.00 USD (0.78 USD apart).`);
    });

    it("refuses a total that is not the lines less discounts plus tax", () => {
      // Changed: the total says 9.00 while the line, subtotal and (absent) tax make 10.00.
      expect(book(withLine({}, { total: 900 }))).toThrow(
        `Stripe invoice ${INVOICE_ID} does not add up: its lines after discounts come to 10.00 USD plus 0.00 USD tax added on top = 10.00 USD, but Stripe's total is 9.00 USD (1.00 USD apart).`,
      );
    });

    it("accepts a line discount counted in the subtotal already, as Stripe does for item discounts", () => {
      // Changed: a 2.00 discount attached to the line itself (line.discounts), so the subtotal is 8.00 already.
      const coupon = "di_1PgcItemCouponB7WZ01zgkW";
      const invoice = withLine({ discounts: [coupon], discount_amounts: [{ amount: 200, discount: coupon }] }, { subtotal: 800, total: 800, total_discount_amounts: [{ amount: 200, discount: coupon }] });
      expect(only(book(invoice)())).toMatchObject({ amountMinor: 800, lines: [{ amountMinor: 800, discountMinor: 200 }] });
    });
  });
});
