import { normalised, type CanonicalEventInput, type Normalised } from "../../canonical";
import { AppError } from "../../errors/app-error";
import type { ApiEvent, ApiLine, ApiTaxLine } from "./schema";

// Turns one validated API event into its canonical event. Pure, and a plain renaming: the public schema already
// holds integer minor units, so no amount is converted or rounded here. The customer's `id` becomes the canonical
// object id (so the key is `api:<kind>:<id>` and a resend updates rather than doubles); their other ids travel along.

export function apiEventToCanonical(event: ApiEvent): Normalised {
  try {
    return normalised([toCanonicalInput(event)]);
  } catch (error) {
    throw inPublicTerms(error, event);
  }
}

function toCanonicalInput(event: ApiEvent): CanonicalEventInput {
  const base = {
    source: "API" as const,
    sourceIds: { ...event.source_ids, object: event.id },
    occurredAt: event.occurred_at,
    currency: event.currency,
    settlement: event.settlement && {
      currency: event.settlement.currency,
      amountMinor: event.settlement.amount_minor,
      exchangeRate: event.settlement.exchange_rate,
    },
    description: event.description,
    tags: event.tags,
  };
  const customer = (ref: { id: string; name?: string; email?: string }) => ({ sourceId: ref.id, name: ref.name, email: ref.email });
  switch (event.type) {
    case "sale":
      return {
        kind: "SALE",
        ...base,
        amountMinor: event.amount_minor,
        customer: event.customer && customer(event.customer),
        lines: event.lines.map(toLine),
        shippingMinor: event.shipping_minor,
        taxes: toTaxes(event.tax_lines),
        feeMinor: event.fee_minor,
      };
    case "invoice_issued":
      return {
        kind: "INVOICE_ISSUED",
        ...base,
        amountMinor: event.amount_minor,
        customer: customer(event.customer),
        number: event.number,
        dueAt: event.due_at,
        lines: event.lines.map(toLine),
        taxes: toTaxes(event.tax_lines),
      };
    case "payment":
      return {
        kind: "PAYMENT",
        ...base,
        amountMinor: event.amount_minor,
        customer: event.customer && customer(event.customer),
        appliedTo: (event.applied_to ?? []).map((a) => ({ invoiceSourceId: a.invoice_id, amountMinor: a.amount_minor })),
        partial: event.partial,
        method: event.method,
        feeMinor: event.fee_minor,
      };
    case "refund":
      return {
        kind: "REFUND",
        ...base,
        amountMinor: event.amount_minor,
        originalSourceId: event.original_id,
        customer: event.customer && customer(event.customer),
        lines: (event.lines ?? []).map(toLine),
        taxes: toTaxes(event.tax_lines),
        shippingMinor: event.shipping_minor,
        reason: event.reason,
        feeReturnedMinor: event.fee_returned_minor,
      };
    case "chargeback_opened":
    case "chargeback_won":
    case "chargeback_lost":
      return {
        kind: CHARGEBACK_KINDS[event.type],
        ...base,
        amountMinor: event.amount_minor,
        disputeSourceId: event.dispute_id,
        chargeSourceId: event.charge_id,
        reason: event.reason,
        feeMinor: event.fee_minor,
      };
    case "fee":
      return { kind: "FEE", ...base, amountMinor: event.amount_minor, feeType: event.fee_type, relatedSourceId: event.related_id };
    case "payout":
      return {
        kind: "PAYOUT",
        ...base,
        amountMinor: event.amount_minor,
        grossMinor: event.gross_minor,
        feesMinor: event.fees_minor,
        arrivalDate: event.arrival_date,
        transactions: (event.transactions ?? []).map((t) => ({
          sourceId: t.id,
          type: t.type,
          grossMinor: t.gross_minor,
          feeMinor: t.fee_minor,
          netMinor: t.net_minor,
        })),
      };
    case "customer_upsert": {
      const { address } = event;
      return {
        kind: "CUSTOMER_UPSERT",
        ...base,
        amountMinor: 0, // nothing is owed by a customer record
        customer: {
          sourceId: event.id,
          name: event.name,
          email: event.email,
          companyName: event.company_name,
          phone: event.phone,
          address: address && {
            line1: address.line1,
            line2: address.line2,
            city: address.city,
            region: address.region,
            postalCode: address.postal_code,
            country: address.country,
          },
        },
      };
    }
    case "subscription_invoice":
      return {
        kind: "SUBSCRIPTION_INVOICE",
        ...base,
        amountMinor: event.amount_minor,
        customer: customer(event.customer),
        subscriptionSourceId: event.subscription_id,
        number: event.number,
        periodStart: event.period_start,
        periodEnd: event.period_end,
        lines: event.lines.map(toLine),
        taxes: toTaxes(event.tax_lines),
        paid: event.paid,
      };
  }
}

const CHARGEBACK_KINDS = {
  chargeback_opened: "CHARGEBACK_OPENED",
  chargeback_won: "CHARGEBACK_WON",
  chargeback_lost: "CHARGEBACK_LOST",
} as const;

function toLine(line: ApiLine) {
  return {
    description: line.description,
    quantity: line.quantity ?? "1",
    unitAmountMinor: line.unit_amount_minor,
    amountMinor: line.amount_minor,
    discountMinor: line.discount_minor,
    sku: line.sku,
    productId: line.product_id,
    category: line.category,
    taxes: toTaxes(line.tax_lines),
    proration: line.proration,
    periodStart: line.period_start,
    periodEnd: line.period_end,
  };
}

function toTaxes(taxes: ApiTaxLine[] | undefined) {
  return (taxes ?? []).map((tax) => ({
    name: tax.name,
    ratePercent: tax.rate_percent,
    jurisdiction: tax.jurisdiction,
    amountMinor: tax.amount_minor,
    inclusive: tax.inclusive,
  }));
}

// The canonical schema checks what the public one cannot express (a payout's gross - fees = net). Its message names
// canonical fields; the customer sent public ones, so the paths are translated back before the error leaves.
const PUBLIC_NAMES: Record<string, string> = {
  kind: "type",
  sourceIds: "source_ids",
  taxes: "tax_lines",
  originalSourceId: "original_id",
  invoiceSourceId: "invoice_id",
  disputeSourceId: "dispute_id",
  chargeSourceId: "charge_id",
  relatedSourceId: "related_id",
  subscriptionSourceId: "subscription_id",
  sourceId: "id",
};

function inPublicTerms(error: unknown, event: ApiEvent): unknown {
  if (!(error instanceof AppError) || !Array.isArray(error.details?.errors)) return error;
  const errors = (error.details.errors as { path: string; message: string }[]).map(({ path, message }) => ({
    path: publicPath(path, event.type),
    message,
  }));
  const listed = errors.map(({ path, message }) => `${path || "(event)"}: ${message}`).join("; ");
  return new AppError("VALIDATION_FAILED", `The ${event.type} event "${event.id}" is inconsistent: ${listed}`, { errors });
}

function publicPath(path: string, type: ApiEvent["type"]): string {
  const segments = path.split(".").map((segment) => PUBLIC_NAMES[segment] ?? segment.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
  // A customer_upsert carries the customer's fields at the top level of the public event.
  if (type === "customer_upsert" && segments[0] === "customer") segments.shift();
  return segments.join(".");
}
