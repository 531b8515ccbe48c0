import { z } from "zod";
import { CurrencySchema } from "../../canonical";
import { ApiLineSchema, ApiTaxLineSchema, common, CustomerRefSchema, dateTime, lines, minor, nonNegativeMinor, ref, taxLines, text, withType } from "./fields";

// The public contract of `POST /api/v1/events`: what a customer's own system sends. It mirrors the canonical event
// (lib/canonical/schema.ts) field by field, in snake_case, with the customer's own `id` in place of our sourceIds.
// The OpenAPI document is generated from these schemas by z.toJSONSchema, so they stay plain: no transforms, no
// refinements (checks that span fields, such as a payout's gross - fees = net, are the canonical schema's job and
// surface from apiEventToCanonical), and every field documented with .meta().

export const ApiSaleSchema = z
  .object({
    ...withType("sale", "A sale paid at once, booked as a sales receipt."),
    ...common,
    amount_minor: minor("The total the customer paid, taxes and shipping included", 2895),
    customer: CustomerRefSchema.optional(),
    lines: lines(1),
    shipping_minor: nonNegativeMinor("Shipping charged", 500).optional(),
    tax_lines: taxLines("Taxes on the whole sale; taxes of one line go on that line."),
    fee_minor: nonNegativeMinor("The processing fee your payment provider kept, when known", 114).optional(),
  })
  .strict();

export const ApiInvoiceIssuedSchema = z
  .object({
    ...withType("invoice_issued", "An invoice sent to a customer, to be paid later."),
    ...common,
    amount_minor: minor("The invoice total", 12000),
    customer: CustomerRefSchema,
    number: text(100, "The invoice number your customer sees.", "INV-2026-0042").optional(),
    due_at: dateTime("When payment is due.", "2026-04-13T00:00:00Z").optional(),
    lines: lines(1),
    tax_lines: taxLines("Taxes on the whole invoice."),
  })
  .strict();

export const ApiPaymentSchema = z
  .object({
    ...withType("payment", "A payment received against one or more invoices, in full or in part."),
    ...common,
    amount_minor: minor("The amount received", 12000),
    customer: CustomerRefSchema.optional(),
    applied_to: z
      .array(z.object({ invoice_id: ref("The `id` you sent for the invoice.", "inv_42"), amount_minor: nonNegativeMinor("The part of this payment applied to it", 12000) }).strict())
      .max(100)
      .optional()
      .meta({ description: "The invoices this payment pays and how much of each." }),
    partial: z.boolean().meta({ description: "true when the invoices it pays still have an amount due afterwards." }),
    method: text(100, "How it was paid.", "bank_transfer").optional(),
    fee_minor: nonNegativeMinor("The fee your payment provider kept").optional(),
  })
  .strict();

export const ApiRefundSchema = z
  .object({
    ...withType("refund", "Money returned to a customer, in full or in part."),
    ...common,
    amount_minor: minor("The amount refunded, positive", 2200),
    original_id: ref("The `id` you sent for the sale, payment or invoice this refund reverses.", "order_1001"),
    customer: CustomerRefSchema.optional(),
    lines: z.array(ApiLineSchema).max(1000).optional().meta({ description: "What is refunded, when it is known line by line." }),
    tax_lines: taxLines("Taxes refunded on the whole refund."),
    shipping_minor: nonNegativeMinor("Shipping refunded").optional(),
    reason: text(500, "Why the money was returned.", "Damaged in transit").optional(),
    fee_returned_minor: nonNegativeMinor("The fee your payment provider gave back with the refund").optional(),
  })
  .strict();

const chargeback = {
  ...common,
  dispute_id: ref("Your payment provider's id of the dispute.", "dp_1N3"),
  charge_id: ref("The id of the disputed charge.", "ch_3N2"),
  reason: text(500, "The reason given for the dispute.", "fraudulent").optional(),
  fee_minor: nonNegativeMinor("The dispute fee charged (or returned, when won)", 1500).optional(),
};
export const ApiChargebackOpenedSchema = z
  .object({ ...withType("chargeback_opened", "A customer disputed a charge."), ...chargeback, amount_minor: minor("The disputed amount, held back meanwhile", 2895) })
  .strict();
export const ApiChargebackWonSchema = z
  .object({ ...withType("chargeback_won", "A dispute was decided for you."), ...chargeback, amount_minor: minor("What came back", 2895) })
  .strict();
export const ApiChargebackLostSchema = z
  .object({ ...withType("chargeback_lost", "A dispute was lost for good."), ...chargeback, amount_minor: minor("What was lost", 2895) })
  .strict();

export const ApiFeeSchema = z
  .object({
    ...withType("fee", "A fee on its own, not attached to a sale."),
    ...common,
    amount_minor: minor("The fee, positive", 2500),
    fee_type: z.enum(["processing", "dispute", "payout", "subscription", "other"]).meta({ description: "What the fee is for." }),
    related_id: ref("The id of what the fee relates to, if anything.", "po_8812").optional(),
  })
  .strict();

export const ApiPayoutSchema = z
  .object({
    ...withType("payout", "Money moved from your payment provider to your bank."),
    ...common,
    amount_minor: minor("The net that arrives: gross_minor - fees_minor", 97100),
    gross_minor: minor("The payout before fees", 100000),
    fees_minor: minor("The fees taken from it", 2900),
    arrival_date: dateTime("When it reaches the bank.", "2026-03-16T00:00:00Z").optional(),
    transactions: z
      .array(
        z
          .object({
            id: ref("The id of the settled transaction.", "txn_1"),
            type: z.enum(["charge", "refund", "dispute", "fee", "adjustment", "other"]).meta({ description: "What kind of transaction it is." }),
            gross_minor: minor("Its gross", 2895),
            fee_minor: minor("Its fee", 114),
            net_minor: minor("Its net", 2781),
          })
          .strict(),
      )
      .max(10000)
      .optional()
      .meta({ description: "The transactions this payout settles, when you know them." }),
  })
  .strict();

export const ApiCustomerUpsertSchema = z
  .object({
    ...withType("customer_upsert", "A customer created or changed in your system; `id` is your id of the customer."),
    ...common,
    currency: CurrencySchema.meta({ description: "The currency the customer is billed in (QuickBooks fixes it when the customer is created).", example: "USD" }),
    name: text(500, "The customer's name.", "Ada Lovelace").optional(),
    email: text(320, "The customer's email address.", "ada@example.com").optional(),
    company_name: text(500, "The customer's company.", "Analytical Engines Ltd").optional(),
    phone: text(100, "The customer's phone number.", "+1 212 555 0100").optional(),
    address: z
      .object({
        line1: text(500, "Street and number.", "12 Main St").optional(),
        line2: text(500, "Second address line.").optional(),
        city: text(255, "City.", "New York").optional(),
        region: text(255, "State, province or county.", "NY").optional(),
        postal_code: text(30, "Postal or ZIP code.", "10001").optional(),
        country: text(100, "Country.", "US").optional(),
      })
      .strict()
      .optional()
      .meta({ description: "The billing address." }),
  })
  .strict();

export const ApiSubscriptionInvoiceSchema = z
  .object({
    ...withType("subscription_invoice", "A recurring invoice of a subscription, possibly with proration lines."),
    ...common,
    amount_minor: minor("The invoice total", 4900),
    customer: CustomerRefSchema,
    subscription_id: ref("Your id of the subscription.", "sub_9"),
    number: text(100, "The invoice number your customer sees.", "INV-2026-0043").optional(),
    period_start: dateTime("Start of the billed period.", "2026-03-01T00:00:00Z"),
    period_end: dateTime("End of the billed period.", "2026-04-01T00:00:00Z"),
    lines: lines(1),
    tax_lines: taxLines("Taxes on the whole invoice."),
    paid: z.boolean().meta({ description: "true when it was already paid when issued (card on file)." }),
  })
  .strict();

export const ApiEventSchema = z
  .discriminatedUnion("type", [
    ApiSaleSchema,
    ApiInvoiceIssuedSchema,
    ApiPaymentSchema,
    ApiRefundSchema,
    ApiChargebackOpenedSchema,
    ApiChargebackWonSchema,
    ApiChargebackLostSchema,
    ApiFeeSchema,
    ApiPayoutSchema,
    ApiCustomerUpsertSchema,
    ApiSubscriptionInvoiceSchema,
  ])
  .meta({ description: "One money event from your system; `type` says which." });

export const ApiEventsRequestSchema = z
  .object({ events: z.array(ApiEventSchema).min(1).max(500).meta({ description: "1 to 500 events, booked independently." }) })
  .strict();

export type ApiEvent = z.infer<typeof ApiEventSchema>;
export type ApiEventType = ApiEvent["type"];
export type ApiEventOf<T extends ApiEventType> = Extract<ApiEvent, { type: T }>;
export type ApiEventsRequest = z.infer<typeof ApiEventsRequestSchema>;
export type ApiLine = z.infer<typeof ApiLineSchema>;
export type ApiTaxLine = z.infer<typeof ApiTaxLineSchema>;

export { ApiLineSchema, ApiTaxLineSchema };
