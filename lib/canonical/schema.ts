import { z } from "zod";
import { CURRENCY_PATTERN } from "./currencies";

// The canonical financial event: the contract between the sources (lib/sources/*) and the ledger (lib/ledger).
// Sources speak Stripe, Shopify or a customer's own dialect; everything after normalisation speaks this. Amounts
// are integer minor units (lib/canonical/money.ts has the one rounding rule), each event carries one ISO
// currency, and every event keeps the source's own ids and timestamps so a posting can be traced back.

/** Integer minor units; safe integers only, so JSON round-trips them exactly. */
export const MinorSchema = z.number().int().refine(Number.isSafeInteger, "The amount is too large.");
export const NonNegativeMinorSchema = MinorSchema.refine((n) => n >= 0, "The amount must not be negative.");
export const CurrencySchema = z.string().regex(CURRENCY_PATTERN, "Use a three-letter ISO 4217 code in capitals, such as USD.");
/** A decimal as a string ("8.875", "1", "0.5"): rates and quantities that must not become floats. */
export const DecimalStringSchema = z.string().regex(/^-?\d{1,15}(\.\d{1,10})?$/, "Use a decimal number written as a string, such as \"8.875\".");
const IdSchema = z.string().min(1).max(255);
const TextSchema = z.string().max(4000);
const DateTimeSchema = z.iso.datetime({ offset: true });

export const SOURCES = ["STRIPE", "SHOPIFY", "API"] as const;
export const SourceSchema = z.enum(SOURCES);
export type Source = z.infer<typeof SourceSchema>;

export const TaxLineSchema = z
  .object({
    name: z.string().min(1).max(200),
    /** Percent, as a decimal string: "8.875" means 8.875 %. */
    ratePercent: DecimalStringSchema,
    /** Where the tax is owed ("US-NY", "GB", "CA-ON"); the ledger maps it to a QuickBooks tax code. */
    jurisdiction: z.string().min(1).max(100).optional(),
    amountMinor: MinorSchema,
    /** True when the line amounts already contain this tax (VAT-style prices), false when it is added on top. */
    inclusive: z.boolean(),
  })
  .strict();
export type TaxLine = z.infer<typeof TaxLineSchema>;

export const LineSchema = z
  .object({
    description: z.string().min(1).max(4000),
    /** Decimal string, so "1.5" hours stays exact. */
    quantity: DecimalStringSchema,
    unitAmountMinor: MinorSchema.optional(),
    /** The line's amount after its discounts, before exclusive taxes (and including inclusive ones). */
    amountMinor: MinorSchema,
    discountMinor: NonNegativeMinorSchema.optional(),
    sku: z.string().max(255).optional(),
    productId: IdSchema.optional(),
    /** What the mapping keys revenue on: a product type, a plan, a channel. */
    category: z.string().max(255).optional(),
    taxes: z.array(TaxLineSchema).max(20).default([]),
    /** Subscription proration: this line credits or charges part of a period. */
    proration: z.boolean().optional(),
    periodStart: DateTimeSchema.optional(),
    periodEnd: DateTimeSchema.optional(),
  })
  .strict();
export type Line = z.infer<typeof LineSchema>;

export const CustomerRefSchema = z
  .object({
    sourceId: IdSchema,
    name: z.string().max(500).optional(),
    email: z.string().max(320).optional(),
  })
  .strict();

/** When a charge settles in another currency (a EUR sale paid out in USD), what it became and at what rate. */
export const SettlementSchema = z
  .object({
    currency: CurrencySchema,
    amountMinor: MinorSchema,
    /** Units of the settlement currency per unit of the event's currency, as the source reported it. */
    exchangeRate: DecimalStringSchema,
  })
  .strict();

const base = {
  source: SourceSchema,
  /** The source's ids for what this event is about: `object` always, plus event, order, charge ... ids. */
  sourceIds: z.object({ object: IdSchema }).catchall(IdSchema),
  /** When it happened at the source (not when we heard about it). */
  occurredAt: DateTimeSchema,
  currency: CurrencySchema,
  /** The headline amount (what the ledger totals reconcile on); its meaning is given per kind below. */
  amountMinor: MinorSchema,
  settlement: SettlementSchema.optional(),
  description: TextSchema.optional(),
  /** Free-form labels from the source, for mapping rules (channel, location, ...). */
  tags: z.record(z.string().max(100), z.string().max(500)).optional(),
};

/** A sale paid at once (a SalesReceipt): amountMinor is the total the customer paid, taxes and shipping included. */
export const SaleSchema = z
  .object({
    kind: z.literal("SALE"),
    ...base,
    customer: CustomerRefSchema.optional(),
    lines: z.array(LineSchema).min(1).max(1000),
    shippingMinor: NonNegativeMinorSchema.optional(),
    /** Taxes on the whole sale (per-line taxes live on the lines). */
    taxes: z.array(TaxLineSchema).max(50).default([]),
    /** Processing fee the gateway kept, when known at the time of the sale (Stripe's balance transaction). */
    feeMinor: NonNegativeMinorSchema.optional(),
  })
  .strict();

/** An invoice sent to a customer, to be paid later: amountMinor is the invoice total. */
export const InvoiceIssuedSchema = z
  .object({
    kind: z.literal("INVOICE_ISSUED"),
    ...base,
    customer: CustomerRefSchema,
    number: z.string().max(100).optional(),
    dueAt: DateTimeSchema.optional(),
    lines: z.array(LineSchema).min(1).max(1000),
    taxes: z.array(TaxLineSchema).max(50).default([]),
  })
  .strict();

/** A payment against one or more invoices, full or partial: amountMinor is the amount received. */
export const PaymentSchema = z
  .object({
    kind: z.literal("PAYMENT"),
    ...base,
    customer: CustomerRefSchema.optional(),
    appliedTo: z
      .array(z.object({ invoiceSourceId: IdSchema, amountMinor: NonNegativeMinorSchema }).strict())
      .max(100)
      .default([]),
    /** True when the invoices it pays still have an amount due afterwards. */
    partial: z.boolean(),
    method: z.string().max(100).optional(),
    feeMinor: NonNegativeMinorSchema.optional(),
  })
  .strict();

/** Money returned to a customer: amountMinor is the amount refunded (positive). */
export const RefundSchema = z
  .object({
    kind: z.literal("REFUND"),
    ...base,
    /** The sale, charge or order the refund reverses. */
    originalSourceId: IdSchema,
    customer: CustomerRefSchema.optional(),
    lines: z.array(LineSchema).max(1000).default([]),
    taxes: z.array(TaxLineSchema).max(50).default([]),
    shippingMinor: NonNegativeMinorSchema.optional(),
    reason: z.string().max(500).optional(),
    /** Fee the gateway gave back with the refund (negative fees are not a thing: this is a positive return). */
    feeReturnedMinor: NonNegativeMinorSchema.optional(),
  })
  .strict();

const chargeback = {
  ...base,
  disputeSourceId: IdSchema,
  chargeSourceId: IdSchema,
  reason: z.string().max(500).optional(),
  /** The dispute fee the processor charged (or returned, when won). */
  feeMinor: NonNegativeMinorSchema.optional(),
};
/** A customer disputed a charge: amountMinor is the disputed amount, taken from the balance meanwhile. */
export const ChargebackOpenedSchema = z.object({ kind: z.literal("CHARGEBACK_OPENED"), ...chargeback }).strict();
/** The dispute was decided for the merchant: amountMinor is what came back. */
export const ChargebackWonSchema = z.object({ kind: z.literal("CHARGEBACK_WON"), ...chargeback }).strict();
/** The dispute was lost for good: amountMinor is what was lost. */
export const ChargebackLostSchema = z.object({ kind: z.literal("CHARGEBACK_LOST"), ...chargeback }).strict();

/** A fee on its own (not attached to a sale): amountMinor is the fee, positive. */
export const FeeSchema = z
  .object({
    kind: z.literal("FEE"),
    ...base,
    feeType: z.enum(["processing", "dispute", "payout", "subscription", "other"]),
    relatedSourceId: IdSchema.optional(),
  })
  .strict();

export const PayoutTransactionSchema = z
  .object({
    sourceId: IdSchema,
    type: z.enum(["charge", "refund", "dispute", "fee", "adjustment", "other"]),
    grossMinor: MinorSchema,
    feeMinor: MinorSchema,
    netMinor: MinorSchema,
  })
  .strict();

/**
 * Money moved from the processor to the bank: amountMinor is the net that arrives (gross - fees). The
 * transactions it settles are listed when the source gives them; the ledger books the deposit from a clearing
 * account with fees netted.
 */
export const PayoutSchema = z
  .object({
    kind: z.literal("PAYOUT"),
    ...base,
    grossMinor: MinorSchema,
    feesMinor: MinorSchema,
    arrivalDate: DateTimeSchema.optional(),
    transactions: z.array(PayoutTransactionSchema).max(10000).default([]),
  })
  .strict()
  .refine((p) => p.grossMinor - p.feesMinor === p.amountMinor, {
    message: "A payout's net amount must equal its gross minus its fees.",
    path: ["amountMinor"],
  });

/** A customer created or changed at the source: amountMinor is 0 (nothing is owed by this event). */
export const CustomerUpsertSchema = z
  .object({
    kind: z.literal("CUSTOMER_UPSERT"),
    ...base,
    customer: z
      .object({
        sourceId: IdSchema,
        name: z.string().max(500).optional(),
        email: z.string().max(320).optional(),
        companyName: z.string().max(500).optional(),
        phone: z.string().max(100).optional(),
        address: z
          .object({
            line1: z.string().max(500).optional(),
            line2: z.string().max(500).optional(),
            city: z.string().max(255).optional(),
            region: z.string().max(255).optional(),
            postalCode: z.string().max(30).optional(),
            country: z.string().max(100).optional(),
          })
          .strict()
          .optional(),
      })
      .strict(),
  })
  .strict();

/** A recurring invoice of a subscription, possibly with proration lines: amountMinor is the invoice total. */
export const SubscriptionInvoiceSchema = z
  .object({
    kind: z.literal("SUBSCRIPTION_INVOICE"),
    ...base,
    customer: CustomerRefSchema,
    subscriptionSourceId: IdSchema,
    number: z.string().max(100).optional(),
    periodStart: DateTimeSchema,
    periodEnd: DateTimeSchema,
    lines: z.array(LineSchema).min(1).max(1000),
    taxes: z.array(TaxLineSchema).max(50).default([]),
    /** Already paid when issued (card on file), so the ledger books the payment with it. */
    paid: z.boolean(),
  })
  .strict();

export const CanonicalEventSchema = z.discriminatedUnion("kind", [
  SaleSchema,
  InvoiceIssuedSchema,
  PaymentSchema,
  RefundSchema,
  ChargebackOpenedSchema,
  ChargebackWonSchema,
  ChargebackLostSchema,
  FeeSchema,
  PayoutSchema,
  CustomerUpsertSchema,
  SubscriptionInvoiceSchema,
]);

export type CanonicalEvent = z.infer<typeof CanonicalEventSchema>;
export type CanonicalEventInput = z.input<typeof CanonicalEventSchema>;
export type CanonicalKind = CanonicalEvent["kind"];
export type CanonicalOf<K extends CanonicalKind> = Extract<CanonicalEvent, { kind: K }>;
