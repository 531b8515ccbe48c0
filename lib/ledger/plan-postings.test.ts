import { describe, expect, it } from "vitest";
import { planPostings } from "./plan-postings";
import { EVENTS, GB, MAPPING, US, US_MC, netByAccount, only, planOf } from "./test-kit";

// One table row per posting type, mirrored by the worked examples in docs/ACCOUNTING.md: the source event, the
// QuickBooks entity, the body's essentials and the debits and credits per account.

describe("planPostings: one worked example per posting type", () => {
  it("a Stripe sale is a SalesReceipt into clearing and a fee journal entry", () => {
    const plan = planOf(EVENTS.stripeSale);
    const receipt = only(plan, "SalesReceipt");
    expect(receipt.body).toMatchObject({ DepositToAccountRef: { value: "100" }, TxnDate: "2026-03-14", DocNumber: "ch_1", CustomerRef: { value: "{{customer:stripe:cus_1}}", name: "Jane Doe" } });
    expect(receipt.body.Line).toEqual([
      { Amount: 100, DetailType: "SalesItemLineDetail", Description: "Widget", SalesItemLineDetail: { ItemRef: { value: "1" }, Qty: 2, UnitPrice: 50, TaxCodeRef: { value: "NON" } } },
    ]);
    expect(String(receipt.body.PrivateNote)).toMatch(/\(Ledgerwire stripe:sale:ch_1\)$/);
    expect(netByAccount(receipt)).toEqual({ "100": 10000, "400": -10000 });
    expect(receipt.dependsOn).toEqual([{ kind: "customer", token: "{{customer:stripe:cus_1}}", source: "stripe", sourceId: "cus_1", displayName: "Jane Doe", currency: "USD" }]);
    expect(netByAccount(only(plan, "JournalEntry:fee"))).toEqual({ "600": 320, "100": -320 });
  });

  it("InvoiceAndPayment books a sale as an Invoice and a Payment into clearing linked to it", () => {
    const plan = planOf(EVENTS.stripeSale, US, { ...MAPPING, settings: { sales: "InvoiceAndPayment", refunds: "RefundReceipt" } });
    expect(plan.postings.map((p) => p.target)).toEqual(["Invoice", "Payment", "JournalEntry:fee"]);
    const payment = only(plan, "Payment");
    expect(payment.body.Line).toEqual([{ Amount: 100, LinkedTxn: [{ TxnId: "{{posting:stripe:sale:ch_1#Invoice}}", TxnType: "Invoice" }] }]);
    expect(netByAccount(payment)).toEqual({ "100": 10000, "accounts-receivable": -10000 });
  });

  it("a US order under automated sales tax overrides the tax with the source's amount", () => {
    const receipt = only(planOf(EVENTS.usOrder), "SalesReceipt");
    expect(receipt.body.TxnTaxDetail).toEqual({ TxnTaxCodeRef: { value: "5" }, TotalTax: 8.88 });
    expect(receipt.body.DocNumber).toBe("#1001");
    const lines = receipt.body.Line as { SalesItemLineDetail: { ItemRef: { value: string }; TaxCodeRef: { value: string } } }[];
    expect(lines.map((l) => [l.SalesItemLineDetail.ItemRef.value, l.SalesItemLineDetail.TaxCodeRef.value])).toEqual([["2", "TAX"], ["1", "TAX"], ["3", "NON"]]);
    expect(receipt.body.GlobalTaxCalculation).toBeUndefined();
    expect(netByAccount(receipt)).toEqual({ "100": 11388, "401": -6000, "400": -4000, "402": -500, "210": -888 });
  });

  it("a Shopify order in a UK company with VAT-inclusive prices is TaxInclusive with the VAT code per line", () => {
    const receipt = only(planOf(EVENTS.gbOrder, GB), "SalesReceipt");
    expect(receipt.body).toMatchObject({ GlobalTaxCalculation: "TaxInclusive", DepositToAccountRef: { value: "101" }, DocNumber: "#GB1" });
    expect(receipt.body.TxnTaxDetail).toBeUndefined();
    expect((receipt.body.Line as { Amount: number; SalesItemLineDetail: { TaxCodeRef: unknown } }[])[0]).toMatchObject({ Amount: 120, SalesItemLineDetail: { TaxCodeRef: { value: "20" } } });
    expect(netByAccount(receipt)).toEqual({ "101": 12000, "400": -10000, "220": -2000 });
  });

  it("a EUR charge settled in USD with multicurrency on is a EUR receipt at the settlement rate", () => {
    const receipt = only(planOf(EVENTS.eurSale, US_MC), "SalesReceipt");
    expect(receipt.body).toMatchObject({ CurrencyRef: { value: "EUR" }, ExchangeRate: 1.085 });
    expect(receipt.currency).toBe("EUR");
    expect(netByAccount(receipt)).toEqual({ "100": 10000, "400": -10000 });
  });

  it("a EUR charge settled in USD with multicurrency off is restated in USD at the settled amount", () => {
    const receipt = only(planOf(EVENTS.eurSale, US), "SalesReceipt");
    expect(receipt.body.CurrencyRef).toBeUndefined();
    expect(receipt.currency).toBe("USD");
    expect(receipt.amountMinor).toBe(10850);
    expect(String(receipt.body.PrivateNote)).toContain("Originally 100.00 EUR at 1.085.");
    expect(netByAccount(receipt)).toEqual({ "100": 10850, "400": -10850 });
  });

  it("a EUR charge without a USD settlement is refused when multicurrency is off", () => {
    const { settlement: _settlement, ...unsettled } = EVENTS.eurSale;
    const result = planPostings(unsettled, MAPPING, US);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0]).toMatchObject({ code: "CURRENCY_NOT_SUPPORTED" });
  });

  it("multicurrency on: a cent of rounding between QuickBooks' conversion and the settled amount goes to FX", () => {
    const plan = planOf({ ...EVENTS.eurSale, amountMinor: 999, lines: [{ description: "x", quantity: "1", amountMinor: 999 }], settlement: { currency: "USD", amountMinor: 1085, exchangeRate: "1.0855" } }, US_MC);
    // 9.99 x 1.0855 = 10.844 -> QuickBooks books 10.84 in clearing; Stripe settled 10.85.
    expect(netByAccount(only(plan, "JournalEntry:fx"))).toEqual({ "100": 1, "700": -1 });
  });

  it("a partial refund refunds the original's lines and tax in proportion, out of clearing", () => {
    const refund = only(planOf(EVENTS.partialRefund, US, MAPPING, { original: EVENTS.usOrder }), "RefundReceipt");
    expect(refund.amountMinor).toBe(5694);
    expect(refund.body).toMatchObject({ DepositToAccountRef: { value: "100" }, TxnTaxDetail: { TxnTaxCodeRef: { value: "5" }, TotalTax: 4.45 } });
    // Half of 5.33 and 3.55 round up to 2.67 and 1.78; the cent that leaves over comes off the largest line.
    expect(netByAccount(refund)).toEqual({ "100": -5694, "401": 2999, "400": 2000, "402": 250, "210": 445 });
  });

  it("a refund without lines or original is one untaxed line on the refunds item when mapped", () => {
    const mapping = { ...MAPPING, entries: { ...MAPPING.entries, refunds: { qboItemId: "9", qboAccountId: "450", accountType: "Income" as const } } };
    const refund = only(planOf({ ...EVENTS.partialRefund, feeReturnedMinor: 50 }, US, mapping), "RefundReceipt");
    expect(netByAccount(refund)).toEqual({ "100": -5694, "450": 5694 });
    expect(netByAccount(only(planOf({ ...EVENTS.partialRefund, feeReturnedMinor: 50 }, US, mapping), "JournalEntry:fee-returned"))).toEqual({ "100": 50, "600": -50 });
  });

  it("CreditMemoAndRefund books a CreditMemo and pays it out of clearing through A/R", () => {
    const plan = planOf({ ...EVENTS.partialRefund, customer: { sourceId: "cus_1" } }, US, { ...MAPPING, settings: { sales: "SalesReceipt", refunds: "CreditMemoAndRefund" } });
    expect(netByAccount(only(plan, "CreditMemo"))).toEqual({ "accounts-receivable": -5694, "400": 5694 });
    const paid = only(plan, "JournalEntry:refund");
    expect(netByAccount(paid)).toEqual({ "130": 5694, "100": -5694 });
    expect(JSON.stringify(paid.body)).toContain('"Entity":{"Type":"Customer","EntityRef":{"value":"{{customer:stripe:cus_1}}"');
  });

  it("an opened dispute moves the amount to holding and expenses the fee", () => {
    const plan = planOf(EVENTS.disputeOpened);
    expect(netByAccount(only(plan, "JournalEntry:dispute"))).toEqual({ "120": 10000, "100": -10000 });
    expect(netByAccount(only(plan, "JournalEntry:fee"))).toEqual({ "601": 1500, "100": -1500 });
  });

  it("a won dispute brings the amount back and the returned fee", () => {
    const plan = planOf(EVENTS.disputeWon);
    expect(netByAccount(only(plan, "JournalEntry:dispute"))).toEqual({ "100": 10000, "120": -10000 });
    expect(netByAccount(only(plan, "JournalEntry:fee-returned"))).toEqual({ "100": 1500, "601": -1500 });
  });

  it("a lost dispute writes the holding off to the loss account, without booking the fee again", () => {
    const plan = planOf(EVENTS.disputeLost);
    expect(plan.postings.map((p) => p.target)).toEqual(["JournalEntry:dispute"]);
    expect(netByAccount(only(plan, "JournalEntry:dispute"))).toEqual({ "610": 10000, "120": -10000 });
  });

  it("a fee on its own leaves clearing for its fee account", () => {
    expect(netByAccount(only(planOf(EVENTS.fee), "JournalEntry:fee"))).toEqual({ "602": 200, "100": -200 });
  });

  it("a payout with an instant-payout fee deposits the net: the clearing net and a negative fee line", () => {
    const deposit = only(planOf(EVENTS.payout), "Deposit");
    expect(deposit.amountMinor).toBe(9430);
    expect(deposit.body).toMatchObject({ DepositToAccountRef: { value: "110" }, DocNumber: "po_1" });
    expect((deposit.body.Line as { Amount: number }[]).map((l) => l.Amount)).toEqual([96.8, -2.5]);
    expect(netByAccount(deposit)).toEqual({ "110": 9430, "100": -9680, "602": 250 });
  });

  it("a payout books the fee of a transaction whose own event could not (a foreign charge)", () => {
    const deposit = only(planOf(EVENTS.payout, US, MAPPING, { unbookedFeeSourceIds: ["ch_1"] }), "Deposit");
    expect(netByAccount(deposit)).toEqual({ "110": 9430, "100": -10000, "600": 320, "602": 250 });
  });

  it("a negative payout is a journal entry from the bank to clearing", () => {
    const entry = only(planOf(EVENTS.negativePayout), "JournalEntry:payout");
    expect(netByAccount(entry)).toEqual({ "110": -2500, "100": 2500 });
  });

  it("an invoice is an Invoice on A/R with its number and the customer placeholder", () => {
    const invoice = only(planOf(EVENTS.invoice), "Invoice");
    expect(invoice.body).toMatchObject({ DocNumber: "INV-0001", CustomerRef: { value: "{{customer:stripe:cus_1}}" } });
    expect(netByAccount(invoice)).toEqual({ "accounts-receivable": 20000, "400": -20000 });
  });

  it("a paid subscription invoice with a proration credit is an Invoice and its Payment", () => {
    const plan = planOf(EVENTS.subscription);
    const invoice = only(plan, "Invoice");
    expect((invoice.body.Line as { Amount: number; Description: string }[]).map((l) => [l.Amount, l.Description])).toEqual([
      [30, "Pro plan"],
      [-15, "Proration: Unused time on Basic (2026-03-14 to 2026-04-01)"],
    ]);
    expect(netByAccount(only(plan, "Payment"))).toEqual({ "100": 1500, "accounts-receivable": -1500 });
    expect(only(plan, "Payment").dependsOn).toContainEqual({ kind: "posting", token: "{{posting:stripe:subscription_invoice:in_2#Invoice}}", eventKey: "stripe:subscription_invoice:in_2", target: "Invoice" });
  });

  it("a split partial payment applies its amounts per invoice", () => {
    const payment = only(planOf(EVENTS.splitPayment), "Payment");
    expect(payment.body.Line).toEqual([
      { Amount: 120, LinkedTxn: [{ TxnId: "{{invoice:stripe:in_1}}", TxnType: "Invoice" }] },
      { Amount: 30, LinkedTxn: [{ TxnId: "{{invoice:stripe:in_3}}", TxnType: "Invoice" }] },
    ]);
    expect(payment.body.TotalAmt).toBe(150);
    expect(netByAccount(payment)).toEqual({ "100": 15000, "accounts-receivable": -15000 });
  });

  it("a customer upsert posts nothing", () => {
    const plan = planOf({ kind: "CUSTOMER_UPSERT", source: "STRIPE", occurredAt: "2026-03-14T00:00:00Z", sourceIds: { object: "cus_1" }, currency: "USD", amountMinor: 0, customer: { sourceId: "cus_1" } });
    expect(plan.postings).toEqual([]);
  });
});

describe("planPostings: problems a finance person can act on", () => {
  it("names an unmapped clearing account and a fee account of the wrong type", () => {
    const { "clearing:stripe": _c, ...rest } = MAPPING.entries;
    const mapping = { ...MAPPING, entries: { ...rest, "fees:processing": { qboAccountId: "110", qboAccountName: "Checking", accountType: "Bank" as const } } };
    const result = planPostings(EVENTS.stripeSale, mapping, US);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toContainEqual({ code: "UNMAPPED", category: "clearing:stripe", message: "Map Stripe clearing to an Other Current Asset or Bank account before this Stripe sale can post." });
    expect(result.problems).toContainEqual({
      code: "WRONG_ACCOUNT_TYPE",
      category: "fees:processing",
      message: "Stripe processing fees are mapped to Checking, a Bank account; choose an Expense, Other Expense or Cost of Goods Sold account.",
    });
  });

  it("refuses a sale whose lines do not add up to its total", () => {
    const result = planPostings({ ...EVENTS.stripeSale, amountMinor: 10001 }, MAPPING, US);
    expect(!result.ok && result.problems.map((p) => p.code)).toEqual(["TOTALS_DISAGREE"]);
  });

  it("asks for a tax code for an unmapped VAT rate", () => {
    const gbOrder = { ...EVENTS.gbOrder, lines: [{ ...EVENTS.gbOrder.lines[0]!, taxes: [{ name: "VAT", ratePercent: "5", amountMinor: 571, inclusive: true }] }] };
    const result = planPostings(gbOrder, MAPPING, GB);
    expect(!result.ok && result.problems[0]).toMatchObject({ code: "TAX_CODE_REQUIRED", category: "tax:rate:5" });
  });
});
