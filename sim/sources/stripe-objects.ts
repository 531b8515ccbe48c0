import type Stripe from "stripe";

// Typed builders for the Stripe objects the demo sends, shaped like the official fixtures in
// test/payloads/stripe/ (Stripe's openapi fixtures3.json). Typing them with the `stripe` package's own
// interfaces keeps every field name and type real; values are what a US card account in test mode produces.

export const STRIPE_API_VERSION = "2022-08-01"; // the last version whose charge.refunded lists the refunds (see README)

export type Customer = { id: string; name: string; email: string; created: number };

const nullAddress = { city: null, country: null, line1: null, line2: null, postal_code: null, state: null };

export function stripeEvent<E extends Stripe.Event>(
  type: E["type"],
  object: E["data"]["object"],
  meta: { id: string; created: number; requestId: string | null; idempotencyKey: string | null; previous?: Record<string, unknown> },
): E {
  const data = meta.previous ? { object, previous_attributes: meta.previous } : { object };
  // The union member is chosen by `type`; TypeScript cannot relate a generic type to its data, hence the cast.
  return {
    id: meta.id,
    object: "event",
    api_version: STRIPE_API_VERSION,
    created: meta.created,
    data,
    livemode: false,
    pending_webhooks: 1,
    request: { id: meta.requestId, idempotency_key: meta.idempotencyKey },
    type,
  } as E;
}

export type BalanceInput = {
  id: string;
  amount: number;
  fee: number;
  /** Which fee it is: "Stripe processing fees", "Dispute fee", … */
  feeDescription?: string;
  exchangeRate: number | null;
  created: number;
  availableOn: number;
  type: Stripe.BalanceTransaction.Type;
  reportingCategory: string;
  source: string;
  description: string | null;
};

/** A balance transaction in the settlement currency (USD). net = amount - fee, always. */
export function balanceTransaction(input: BalanceInput): Stripe.BalanceTransaction {
  return {
    id: input.id,
    object: "balance_transaction",
    amount: input.amount,
    available_on: input.availableOn,
    balance_type: "payments",
    created: input.created,
    currency: "usd",
    description: input.description,
    exchange_rate: input.exchangeRate,
    fee: input.fee,
    fee_details:
      input.fee === 0
        ? []
        : [{ amount: input.fee, application: null, currency: "usd", description: input.feeDescription ?? "Stripe processing fees", type: "stripe_fee" }],
    net: input.amount - input.fee,
    reporting_category: input.reportingCategory,
    source: input.source,
    status: "pending",
    type: input.type,
  };
}

export function customerObject(customer: Customer): Stripe.Customer {
  return {
    id: customer.id,
    object: "customer",
    address: null,
    balance: 0,
    created: customer.created,
    currency: null,
    default_source: null,
    delinquent: false,
    description: null,
    discount: null,
    email: customer.email,
    invoice_prefix: customer.id.slice(4, 12).toUpperCase(),
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false,
    metadata: {},
    name: customer.name,
    next_invoice_sequence: 1,
    phone: null,
    preferred_locales: [],
    shipping: null,
    tax_exempt: "none",
    test_clock: null,
  };
}

export type ChargeInput = {
  id: string;
  amount: number;
  currency: string;
  created: number;
  balanceTransaction: string;
  paymentIntent: string;
  paymentMethod: string;
  customer: Customer | null;
  description: string;
  card: { brand: string; last4: string; country: string; expMonth: number; expYear: number; fingerprint: string };
};

export function chargeObject(input: ChargeInput): Stripe.Charge {
  const { card } = input;
  return {
    id: input.id,
    object: "charge",
    amount: input.amount,
    amount_captured: input.amount,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: input.balanceTransaction,
    billing_details: { address: { ...nullAddress, country: card.country }, email: input.customer?.email ?? null, name: input.customer?.name ?? null, phone: null, tax_id: null },
    calculated_statement_descriptor: "ACME OUTDOOR",
    captured: true,
    created: input.created,
    currency: input.currency,
    customer: input.customer?.id ?? null,
    description: input.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: null,
    failure_message: null,
    fraud_details: {},
    livemode: false,
    metadata: {},
    on_behalf_of: null,
    outcome: {
      advice_code: null,
      network_advice_code: null,
      network_decline_code: null,
      network_status: "approved_by_network",
      reason: null,
      risk_level: "normal",
      risk_score: 5 + (input.amount % 40),
      seller_message: "Payment complete.",
      type: "authorized",
    },
    paid: true,
    payment_intent: input.paymentIntent,
    payment_method: input.paymentMethod,
    payment_method_details: {
      card: {
        amount_authorized: input.amount,
        authorization_code: null,
        brand: card.brand,
        checks: { address_line1_check: null, address_postal_code_check: "pass", cvc_check: "pass" },
        country: card.country,
        electronic_commerce_indicator: null,
        exp_month: card.expMonth,
        exp_year: card.expYear,
        extended_authorization: { status: "disabled" },
        fingerprint: card.fingerprint,
        funding: "credit",
        incremental_authorization: { status: "unavailable" },
        installments: null,
        last4: card.last4,
        mandate: null,
        multicapture: { status: "unavailable" },
        network: card.brand,
        network_token: { used: false },
        network_transaction_id: null,
        overcapture: { maximum_amount_capturable: input.amount, status: "unavailable" },
        regulated_status: "unregulated",
        three_d_secure: null,
        transaction_link_id: null,
        wallet: null,
      },
      type: "card",
    },
    receipt_email: input.customer?.email ?? null,
    receipt_number: null,
    receipt_url: `https://pay.stripe.com/receipts/payment/${input.id.slice(3)}`,
    refunded: false,
    refunds: { object: "list", data: [], has_more: false, url: `/v1/charges/${input.id}/refunds` },
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: "succeeded",
    transfer_data: null,
    transfer_group: null,
  };
}

export function refundObject(input: {
  id: string;
  amount: number;
  charge: Stripe.Charge;
  created: number;
  balanceTransaction: string;
}): Stripe.Refund {
  return {
    id: input.id,
    object: "refund",
    amount: input.amount,
    balance_transaction: input.balanceTransaction,
    charge: input.charge.id,
    created: input.created,
    currency: input.charge.currency,
    customer: input.charge.customer,
    customer_account: null,
    destination_details: { card: { reference_status: "pending", reference_type: "acquirer_reference_number", type: "refund" }, type: "card" },
    metadata: {},
    payment_intent: input.charge.payment_intent,
    payment_method: input.charge.payment_method,
    reason: "requested_by_customer",
    receipt_number: null,
    source_transfer_reversal: null,
    status: "succeeded",
    transfer_reversal: null,
  };
}
