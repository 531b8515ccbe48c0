import { z } from "zod";
import { CurrencySchema, DecimalStringSchema } from "../../canonical";

// Building blocks of the public event schema (schema.ts): documented fields shared by several event types.

const MINOR = "integer minor units: 1999 means 19.99 USD";
export const minor = (description: string, example?: number) =>
  z.int().meta({ description: `${description}, in ${MINOR}.`, ...(example === undefined ? {} : { example }) });
export const nonNegativeMinor = (description: string, example?: number) =>
  z.int().nonnegative().meta({ description: `${description}, in ${MINOR}; never negative.`, ...(example === undefined ? {} : { example }) });
export const ref = (description: string, example: string) => z.string().min(1).max(255).meta({ description, example });
export const dateTime = (description: string, example: string) => z.iso.datetime({ offset: true }).meta({ description: `${description} ISO 8601 with Z or an offset.`, example });
export const text = (max: number, description: string, example?: string) => z.string().max(max).meta({ description, ...(example ? { example } : {}) });

export const ApiTaxLineSchema = z
  .object({
    name: z.string().min(1).max(200).meta({ description: "The tax as it appears on your documents.", example: "NY State Sales Tax" }),
    rate_percent: DecimalStringSchema.meta({ description: 'Percent, as a decimal string: "8.875" means 8.875 %.', example: "8.875" }),
    jurisdiction: z.string().min(1).max(100).optional().meta({ description: "Where the tax is owed.", example: "US-NY" }),
    amount_minor: minor("The tax amount", 195),
    inclusive: z.boolean().meta({ description: "true when the line amounts already contain this tax (VAT-style prices), false when it is added on top." }),
  })
  .strict();

export const ApiLineSchema = z
  .object({
    description: z.string().min(1).max(4000).meta({ description: "What was sold, as it should read in QuickBooks.", example: "Espresso beans, 1 kg" }),
    quantity: DecimalStringSchema.optional().meta({ description: 'A decimal string, so "1.5" hours stays exact; "1" when left out.', example: "2" }),
    unit_amount_minor: minor("The price of one unit", 1100).optional(),
    amount_minor: minor("The line's amount after its discounts, before taxes added on top (including taxes already in the price)", 2200),
    discount_minor: nonNegativeMinor("The discount already taken off amount_minor").optional(),
    sku: text(255, "Your stock keeping unit.", "BEANS-1KG").optional(),
    product_id: ref("Your id of the product.", "prod_77").optional(),
    category: text(255, "What revenue is mapped by: a product type, a plan, a channel.", "coffee").optional(),
    tax_lines: z.array(ApiTaxLineSchema).max(20).optional().meta({ description: "Taxes on this line." }),
    proration: z.boolean().optional().meta({ description: "true when this line credits or charges part of a subscription period." }),
    period_start: dateTime("Start of the period this line covers.", "2026-03-01T00:00:00Z").optional(),
    period_end: dateTime("End of the period this line covers.", "2026-04-01T00:00:00Z").optional(),
  })
  .strict();

export const CustomerRefSchema = z
  .object({
    id: ref("Your id of the customer.", "cus_42"),
    name: text(500, "The customer's name.", "Ada Lovelace").optional(),
    email: text(320, "The customer's email address.", "ada@example.com").optional(),
  })
  .strict()
  .meta({ description: "Who the event is with; created in QuickBooks on first sight." });

const SettlementSchema = z
  .object({
    currency: CurrencySchema.meta({ description: "The currency the money settled in.", example: "USD" }),
    amount_minor: minor("What the amount became in that currency", 2950),
    exchange_rate: DecimalStringSchema.meta({ description: "Units of the settlement currency per unit of the event's currency.", example: "1.0875" }),
  })
  .strict()
  .meta({ description: "When the money settled in another currency: what it became and at what rate." });

export const common = {
  id: ref("Your own id for this object. An event with a type and id sent before is answered as a duplicate and never booked twice.", "order_1001"),
  source_ids: z
    .record(z.string().min(1).max(100), z.string().min(1).max(255))
    .optional()
    .meta({ description: "Other ids of yours this event relates to, kept for tracing. The key `object` is reserved for `id`.", example: { payment: "pay_8812" } }),
  occurred_at: dateTime("When it happened in your system (not when you sent it).", "2026-03-14T09:26:53-05:00"),
  currency: CurrencySchema.meta({ description: "ISO 4217 code in capitals; every amount of the event is in it.", example: "USD" }),
  settlement: SettlementSchema.optional(),
  description: text(4000, "A note shown on the QuickBooks transaction.", "Online order 1001").optional(),
  tags: z
    .record(z.string().max(100), z.string().max(500))
    .optional()
    .meta({ description: "Labels that mapping rules can match on (channel, location, ...).", example: { channel: "online" } }),
};
export const taxLines = (description: string) => z.array(ApiTaxLineSchema).max(50).optional().meta({ description });
export const lines = (min: number) => z.array(ApiLineSchema).min(min).max(1000).meta({ description: "What the event is made of, one entry per product or service." });
export const withType = <T extends string>(type: T, description: string) => ({ type: z.literal(type).meta({ description }) });
