import { describe, expect, it } from "vitest";
import { canonicalKey } from "../../canonical";
import { AppError } from "../../errors/app-error";
import { itemsOf, lineText, referenceRefund, single, taxText } from "./test-payloads";
import { shopifyToCanonical } from "./to-canonical";

// Refund scenarios start from the refund embedded in Shopify's documentation order #1001 (refund 509562969 of order
// 450789469, note "it broke during shipping"). As published it does not add up (two lines worth 391.33 + 7.96 tax
// against a 209.00 transaction), so each row keeps its ids and alters only the parts it names.

type Json = Record<string, unknown>;
const bag = (shop: string, presentment = shop, presentmentCurrency = "USD") => ({
  shop_money: { amount: shop, currency_code: "USD" },
  presentment_money: { amount: presentment, currency_code: presentmentCurrency },
});

/** The reference refund giving back only the black iPod (195.66 + 3.98 tax), paid back `paid` through the gateway. */
function blackIpodRefund(paid: string, edit?: (refund: Json) => void): Json {
  const refund = referenceRefund();
  refund.refund_line_items = itemsOf(refund, "refund_line_items").slice(0, 1);
  itemsOf(refund, "transactions")[0]!.amount = paid;
  edit?.(refund);
  return refund;
}

describe("shopifyToCanonical: refunds/create becomes one REFUND", () => {
  it.each([
    {
      name: "a partial refund of one line (transaction amount set to 199.64)",
      body: () => blackIpodRefund("199.64"),
      amount: 19964,
      lines: ["1 × IPod Nano - 8gb - black = 19566 [State Tax 6% 398]"],
      taxes: [],
    },
    {
      name: "prices that include tax (the same line; 195.66 paid back; the order says taxes_included: true)",
      body: () => blackIpodRefund("195.66"),
      taxesIncluded: true,
      amount: 19566,
      lines: ["1 × IPod Nano - 8gb - black = 19566 [State Tax 6% 398 included]"],
      taxes: [],
    },
    {
      name: "shipping as an order adjustment (before API 2024-10) and 10.00 refunded less than calculated",
      body: () =>
        blackIpodRefund("194.94", (refund) => {
          refund.order_adjustments = [
            { kind: "shipping_refund", amount: "-5.00", tax_amount: "-0.30", amount_set: bag("-5.00"), tax_amount_set: bag("-0.30") },
            { kind: "refund_discrepancy", reason: "Restocking fee", amount_set: bag("10.00"), tax_amount_set: bag("0.00") },
          ];
        }),
      amount: 19494,
      lines: ["1 × IPod Nano - 8gb - black = 19566 [State Tax 6% 398]", "1 × Refund adjustment (Restocking fee) = -1000 []"],
      taxes: ["Shipping tax 6% 30"],
      shipping: 500,
    },
    {
      name: "shipping in refund_shipping_lines (API 2024-10+) next to the adjustment Shopify still sends: counted once",
      body: () =>
        blackIpodRefund("204.94", (refund) => {
          refund.refund_shipping_lines = [
            { subtotal_amount_set: bag("5.00"), shipping_line: { tax_lines: [{ title: "State Tax", price: "0.30", rate: 0.06 }] } },
          ];
          refund.order_adjustments = [{ kind: "shipping_refund", amount_set: bag("-5.00"), tax_amount_set: bag("-0.30") }];
        }),
      amount: 20494,
      lines: ["1 × IPod Nano - 8gb - black = 19566 [State Tax 6% 398]"],
      taxes: ["State Tax 6% 30"],
      shipping: 500,
    },
    {
      name: "an amount-only refund of 50.00 (no lines, a negative discrepancy)",
      body: () =>
        blackIpodRefund("50.00", (refund) => {
          refund.refund_line_items = [];
          refund.order_adjustments = [{ kind: "refund_discrepancy", reason: "Goodwill", amount_set: bag("-50.00"), tax_amount_set: bag("0.00") }];
        }),
      amount: 5000,
      lines: ["1 × Refund adjustment (Goodwill) = 5000 []"],
      taxes: [],
    },
    {
      name: "a multi-currency order refunded in CAD: checked in CAD, booked in the shop's USD",
      body: () =>
        blackIpodRefund("270.39", (refund) => {
          const [item] = itemsOf(refund, "refund_line_items");
          Object.assign(item!, { subtotal_set: bag("195.66", "265.00", "CAD"), total_tax_set: bag("3.98", "5.39", "CAD") });
          itemsOf(refund, "transactions")[0]!.currency = "CAD";
        }),
      amount: 19964,
      lines: ["1 × IPod Nano - 8gb - black = 19566 [State Tax 6% 398]"],
      taxes: [],
    },
  ])("$name", ({ body, amount, lines, taxes, shipping, taxesIncluded }) => {
    const refund = single(shopifyToCanonical({ topic: "refunds/create", body: body(), ...(taxesIncluded ? { orderTaxesIncluded: true } : {}) }), "REFUND");
    expect(canonicalKey(refund)).toBe("shopify:refund:509562969");
    expect(refund).toMatchObject({
      currency: "USD",
      amountMinor: amount,
      originalSourceId: "450789469",
      sourceIds: { object: "509562969", order: "450789469" },
      occurredAt: "2025-07-02T11:29:59-05:00",
      reason: "it broke during shipping",
    });
    expect(refund.lines.map(lineText)).toEqual(lines);
    expect(refund.taxes.map(taxText)).toEqual(taxes);
    expect(refund.shippingMinor).toBe(shipping);
  });

  it.each([
    { name: "its refund transaction is still pending", edit: (t: Json) => (t.status = "pending"), reason: /has no successful refund transaction yet \(pending\)/ },
    { name: "it moved no money (a restock only)", edit: (t: Json) => (t.kind = "void"), reason: /returned no money \(a restock or a note only\)/ },
  ])("ignores a refund when $name", ({ edit, reason }) => {
    const result = shopifyToCanonical({ topic: "refunds/create", body: blackIpodRefund("199.64", (r) => edit(itemsOf(r, "transactions")[0]!)) });
    expect(result.events).toEqual([]);
    expect(result.ignoredBecause).toMatch(reason);
  });

  it("sends Shopify's published refund, which does not add up, to a person", () => {
    const run = () => shopifyToCanonical({ topic: "refunds/create", body: referenceRefund() });
    expect(run).toThrow(AppError);
    expect(run).toThrow(
      "Shopify refund 509562969 of order 450789469 does not add up: its items, shipping and adjustments come to 391.33 USD plus 7.96 USD tax, but 209.00 USD was paid back.",
    );
  });

  describe("whether the refunded prices include tax comes from the order, not from which reading adds up", () => {
    it("does not read a refund of a taxes_included: false order as tax-inclusive when only the subtotal was paid back", () => {
      // Changed: 195.66 paid back for the black iPod, its subtotal without its 3.98 tax; the order (as Shopify's
      // reference order #1001 is) has taxes_included: false, so 3.98 of tax is unaccounted for.
      const run = () => shopifyToCanonical({ topic: "refunds/create", body: blackIpodRefund("195.66"), orderTaxesIncluded: false });
      expect(run).toThrow(AppError);
      expect(run).toThrow(
        "Shopify refund 509562969 of order 450789469 does not add up: its items, shipping and adjustments come to 195.66 USD plus 3.98 USD tax " +
          "(the order's prices exclude tax) = 199.64 USD, but 195.66 USD was paid back. Check the refund in Shopify.",
      );
    });

    it("books the same line with tax added on top when the order's prices exclude tax", () => {
      // Changed: 199.64 paid back (subtotal 195.66 + tax 3.98), on an order with taxes_included: false.
      const refund = single(shopifyToCanonical({ topic: "refunds/create", body: blackIpodRefund("199.64"), orderTaxesIncluded: false }), "REFUND");
      expect(refund.amountMinor).toBe(19964);
      expect(refund.lines.map(lineText)).toEqual(["1 × IPod Nano - 8gb - black = 19566 [State Tax 6% 398]"]);
    });

    it("does not read a refund of a taxes_included: true order as tax added on top", () => {
      // Changed: 199.64 paid back on an order with taxes_included: true, whose 195.66 line already holds its tax.
      const run = () => shopifyToCanonical({ topic: "refunds/create", body: blackIpodRefund("199.64"), orderTaxesIncluded: true });
      expect(run).toThrow(
        "Shopify refund 509562969 of order 450789469 does not add up: its items, shipping and adjustments come to 195.66 USD including 3.98 USD tax " +
          "(the order's prices include tax), but 199.64 USD was paid back. Check the refund in Shopify.",
      );
    });

    it("waits for the order rather than guess tax-inclusive when only that reading adds up", () => {
      // Changed: 195.66 paid back, and the order has not reached Ledgerwire, so its taxes_included is unknown.
      const run = () => shopifyToCanonical({ topic: "refunds/create", body: blackIpodRefund("195.66") });
      expect(run).toThrow(expect.objectContaining({ code: "VALIDATION_FAILED", details: expect.objectContaining({ retryable: true, orderId: "450789469" }) }));
      expect(run).toThrow(/whether its prices include tax/);
    });
  });
});
