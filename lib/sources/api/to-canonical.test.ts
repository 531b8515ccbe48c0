import { describe, expect, it } from "vitest";
import { z } from "zod";
import { canonicalKey, type CanonicalEvent } from "../../canonical";
import { AppError } from "../../errors/app-error";
import { API_EVENT_EXAMPLE } from "./example";
import { ApiEventsRequestSchema, type ApiEvent } from "./schema";
import { apiEventToCanonical } from "./to-canonical";

const at = "2026-03-14T09:26:53-05:00";
const customer = { id: "cus_42", name: "Ada Lovelace", email: "ada@example.com" };
const consulting = {
  description: "Consulting",
  quantity: "1.5",
  unit_amount_minor: 10000,
  amount_minor: 15000,
  tax_lines: [{ name: "VAT", rate_percent: "20", jurisdiction: "GB", amount_minor: 3000, inclusive: false }],
};
const chargeback = { occurred_at: at, currency: "USD", amount_minor: 2895, dispute_id: "dp_1", charge_id: "ch_1", fee_minor: 1500 };

/** One valid event per type, what it must become, and one thing a finance user would look at in the result. */
const VALID: { event: ApiEvent; kind: CanonicalEvent["kind"]; check?: (event: CanonicalEvent) => void }[] = [
  {
    event: API_EVENT_EXAMPLE,
    kind: "SALE",
    check: (e) =>
      expect(e).toMatchObject({
        shippingMinor: 500,
        feeMinor: 114,
        customer: { sourceId: "cus_42", name: "Ada Lovelace" },
        sourceIds: { object: "order_1001", payment: "pay_8812" },
        lines: [{ quantity: "2", amountMinor: 2200, taxes: [{ name: "NY State Sales Tax", ratePercent: "8.875", amountMinor: 195, inclusive: false }] }],
      }),
  },
  {
    event: { type: "invoice_issued", id: "inv_42", occurred_at: at, currency: "GBP", amount_minor: 18000, customer, number: "INV-42", due_at: "2026-04-13T00:00:00Z", lines: [consulting] },
    kind: "INVOICE_ISSUED",
    check: (e) => expect(e).toMatchObject({ number: "INV-42", dueAt: "2026-04-13T00:00:00Z", lines: [{ quantity: "1.5", taxes: [{ jurisdiction: "GB" }] }] }),
  },
  {
    event: { type: "payment", id: "pay_7", occurred_at: at, currency: "GBP", amount_minor: 10000, applied_to: [{ invoice_id: "inv_42", amount_minor: 10000 }], partial: true },
    kind: "PAYMENT",
    check: (e) => expect(e).toMatchObject({ partial: true, appliedTo: [{ invoiceSourceId: "inv_42", amountMinor: 10000 }] }),
  },
  {
    event: { type: "refund", id: "re_1", occurred_at: at, currency: "USD", amount_minor: 1100, original_id: "order_1001", reason: "Damaged", lines: [{ description: "Espresso beans, 1 kg", amount_minor: 1100 }] },
    kind: "REFUND",
    check: (e) => expect(e).toMatchObject({ originalSourceId: "order_1001", reason: "Damaged", lines: [{ quantity: "1", amountMinor: 1100 }] }),
  },
  { event: { type: "chargeback_opened", id: "dp_1-open", ...chargeback }, kind: "CHARGEBACK_OPENED", check: (e) => expect(e).toMatchObject({ disputeSourceId: "dp_1", chargeSourceId: "ch_1", feeMinor: 1500 }) },
  { event: { type: "chargeback_won", id: "dp_1-won", ...chargeback }, kind: "CHARGEBACK_WON" },
  { event: { type: "chargeback_lost", id: "dp_1-lost", ...chargeback }, kind: "CHARGEBACK_LOST" },
  { event: { type: "fee", id: "fee_3", occurred_at: at, currency: "USD", amount_minor: 2500, fee_type: "subscription" }, kind: "FEE", check: (e) => expect(e).toMatchObject({ feeType: "subscription" }) },
  {
    event: {
      type: "payout",
      id: "po_1",
      occurred_at: at,
      currency: "USD",
      amount_minor: 97100,
      gross_minor: 100000,
      fees_minor: 2900,
      transactions: [{ id: "txn_1", type: "charge", gross_minor: 100000, fee_minor: 2900, net_minor: 97100 }],
    },
    kind: "PAYOUT",
    check: (e) => expect(e).toMatchObject({ grossMinor: 100000, feesMinor: 2900, transactions: [{ sourceId: "txn_1", netMinor: 97100 }] }),
  },
  {
    event: { type: "customer_upsert", id: "cus_42", occurred_at: at, currency: "USD", name: "Ada Lovelace", company_name: "Analytical Engines Ltd", address: { city: "New York", postal_code: "10001" } },
    kind: "CUSTOMER_UPSERT",
    check: (e) =>
      expect(e).toMatchObject({ amountMinor: 0, customer: { sourceId: "cus_42", companyName: "Analytical Engines Ltd", address: { city: "New York", postalCode: "10001" } } }),
  },
  {
    event: {
      type: "subscription_invoice",
      id: "in_9",
      occurred_at: at,
      currency: "EUR",
      amount_minor: 4900,
      customer,
      subscription_id: "sub_9",
      period_start: "2026-03-01T00:00:00Z",
      period_end: "2026-04-01T00:00:00Z",
      paid: true,
      lines: [{ description: "Pro plan, March", amount_minor: 4900, proration: false, period_start: "2026-03-01T00:00:00Z", period_end: "2026-04-01T00:00:00Z" }],
    },
    kind: "SUBSCRIPTION_INVOICE",
    check: (e) => expect(e).toMatchObject({ paid: true, subscriptionSourceId: "sub_9", periodEnd: "2026-04-01T00:00:00Z" }),
  },
];

describe("apiEventToCanonical", () => {
  it.each(VALID.map((row) => ({ ...row, type: row.event.type })))("turns a valid $type into $kind", ({ event, kind, check }) => {
    const [parsed] = ApiEventsRequestSchema.parse({ events: [event] }).events;
    const { events } = apiEventToCanonical(parsed!);
    expect(events).toHaveLength(1);
    const canonical = events[0]!;
    const amount = "amount_minor" in event ? event.amount_minor : 0;
    expect(canonical).toMatchObject({ kind, source: "API", currency: event.currency, amountMinor: amount });
    expect(canonicalKey(canonical)).toBe(`api:${kind.toLowerCase()}:${event.id}`);
    check?.(canonical);
  });

  it("covers every public type", () => {
    expect(new Set(VALID.map((row) => row.event.type)).size).toBe(11);
  });

  it("keeps `id` as the object id even when source_ids tries to name another", () => {
    const event = { ...API_EVENT_EXAMPLE, source_ids: { object: "something_else", payment: "pay_8812" } };
    expect(apiEventToCanonical(event).events[0]!.sourceIds).toEqual({ object: "order_1001", payment: "pay_8812" });
  });

  it("surfaces the canonical payout check as an AppError in public field names", () => {
    const payout = VALID.find((row) => row.event.type === "payout")!.event;
    const event = ApiEventsRequestSchema.parse({ events: [{ ...payout, amount_minor: 97000 }] }).events[0]!;
    const run = () => apiEventToCanonical(event);
    expect(run).toThrow(AppError);
    expect(run).toThrow('The payout event "po_1" is inconsistent: amount_minor: A payout\'s net amount must equal its gross minus its fees.');
    try {
      run();
    } catch (error) {
      expect((error as AppError).code).toBe("VALIDATION_FAILED");
      expect((error as AppError).details).toEqual({ errors: [{ path: "amount_minor", message: "A payout's net amount must equal its gross minus its fees." }] });
    }
  });
});

describe("ApiEventsRequestSchema", () => {
  const sale = API_EVENT_EXAMPLE;
  it.each([
    { name: "an amount in major units (19.99)", body: { events: [{ ...sale, amount_minor: 19.99 }] }, path: "events.0.amount_minor" },
    { name: "a lower-case currency", body: { events: [{ ...sale, currency: "usd" }] }, path: "events.0.currency" },
    { name: "a time without an offset", body: { events: [{ ...sale, occurred_at: "2026-03-14T09:26:53" }] }, path: "events.0.occurred_at" },
    {
      name: "a rate sent as a number",
      body: { events: [{ ...sale, lines: [{ ...sale.lines[0]!, tax_lines: [{ ...sale.lines[0]!.tax_lines![0]!, rate_percent: 8.875 }] }] }] },
      path: "events.0.lines.0.tax_lines.0.rate_percent",
    },
    { name: "a negative fee", body: { events: [{ ...sale, fee_minor: -5 }] }, path: "events.0.fee_minor" },
    { name: "an empty id", body: { events: [{ ...sale, id: "" }] }, path: "events.0.id" },
    { name: "an unknown type", body: { events: [{ ...sale, type: "invoice" }] }, path: "events.0.type" },
    { name: "a field the API does not have", body: { events: [{ ...sale, total: 2895 }] }, path: "events.0" },
    { name: "no events", body: { events: [] }, path: "events" },
    { name: "more than 500 events", body: { events: Array.from({ length: 501 }, () => sale) }, path: "events" },
    { name: "a field next to events", body: { events: [sale], tenant_id: "t_1" }, path: "" },
  ])("refuses $name, naming $path", ({ body, path }) => {
    const result = ApiEventsRequestSchema.safeParse(body);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((issue) => issue.path.join("."))).toContain(path);
  });

  it("is representable as JSON Schema for the OpenAPI document, with every type and documented amounts", () => {
    const schema = z.toJSONSchema(ApiEventsRequestSchema) as unknown as {
      properties: { events: { items: { oneOf: { properties: { type: { const: string }; amount_minor?: { description: string } } }[] } } };
    };
    const options = schema.properties.events.items.oneOf;
    expect(options.map((option) => option.properties.type.const).sort()).toEqual(
      ["chargeback_lost", "chargeback_opened", "chargeback_won", "customer_upsert", "fee", "invoice_issued", "payment", "payout", "refund", "sale", "subscription_invoice"],
    );
    expect(options[0]!.properties.amount_minor!.description).toContain("integer minor units: 1999 means 19.99 USD");
    expect(() => z.toJSONSchema(ApiEventsRequestSchema, { io: "input" })).not.toThrow();
  });
});
