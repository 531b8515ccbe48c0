import type Stripe from "stripe";

// Disputes and payouts, shaped like test/payloads/stripe/dispute.json and payout.json (continued from
// stripe-objects.ts, which holds the event envelope, charges, refunds and customers).

const EMPTY_EVIDENCE: Stripe.Dispute.Evidence = {
  access_activity_log: null,
  billing_address: null,
  cancellation_policy: null,
  cancellation_policy_disclosure: null,
  cancellation_rebuttal: null,
  customer_communication: null,
  customer_email_address: null,
  customer_name: null,
  customer_purchase_ip: null,
  customer_signature: null,
  duplicate_charge_documentation: null,
  duplicate_charge_explanation: null,
  duplicate_charge_id: null,
  enhanced_evidence: {},
  product_description: null,
  receipt: null,
  refund_policy: null,
  refund_policy_disclosure: null,
  refund_refusal_explanation: null,
  service_date: null,
  service_documentation: null,
  shipping_address: null,
  shipping_carrier: null,
  shipping_date: null,
  shipping_documentation: null,
  shipping_tracking_number: null,
  uncategorized_file: null,
  uncategorized_text: null,
};

/** Card network reason codes behind Stripe's dispute reasons (Visa's, as the fixture has). */
export const DISPUTE_REASONS = [
  { reason: "fraudulent", networkCode: "10.4" },
  { reason: "product_not_received", networkCode: "13.1" },
  { reason: "product_unacceptable", networkCode: "13.3" },
  { reason: "duplicate", networkCode: "12.6.1" },
] as const;

export function disputeObject(input: {
  id: string;
  charge: Stripe.Charge;
  created: number;
  reason: (typeof DISPUTE_REASONS)[number];
  status: Stripe.Dispute.Status;
  balanceTransactions: Stripe.BalanceTransaction[];
  submitted: boolean;
}): Stripe.Dispute {
  const brand = input.charge.payment_method_details?.card?.brand ?? "visa";
  return {
    id: input.id,
    object: "dispute",
    amount: input.charge.amount,
    // Expanded in full, as Stripe always sends them on a dispute; copies, so later changes do not leak in.
    balance_transactions: input.balanceTransactions.map((bt) => structuredClone(bt)),
    charge: input.charge.id,
    created: input.created,
    currency: input.charge.currency,
    enhanced_eligibility_types: [],
    evidence: input.submitted
      ? { ...EMPTY_EVIDENCE, customer_email_address: input.charge.billing_details.email, product_description: input.charge.description }
      : EMPTY_EVIDENCE,
    evidence_details: {
      due_by: input.created + 21 * 86_400,
      enhanced_eligibility: {},
      has_evidence: input.submitted,
      past_due: false,
      submission_count: input.submitted ? 1 : 0,
      submission_method: input.submitted ? "manual" : "not_submitted",
    },
    intended_submission_method: null,
    is_charge_refundable: false,
    livemode: false,
    metadata: {},
    network_reason_code: input.reason.networkCode,
    payment_intent: input.charge.payment_intent,
    payment_method_details: {
      card: { brand, case_type: "chargeback", network: brand, network_reason_code: input.reason.networkCode },
      type: "card",
    },
    reason: input.reason.reason,
    status: input.status,
  };
}

export function payoutObject(input: {
  id: string;
  amount: number;
  created: number;
  arrivalDate: number;
  balanceTransaction: string;
  destination: string;
  traceId: string;
}): Stripe.Payout {
  return {
    id: input.id,
    object: "payout",
    amount: input.amount,
    application_fee: null,
    application_fee_amount: null,
    arrival_date: input.arrivalDate,
    automatic: true,
    balance_transaction: input.balanceTransaction,
    created: input.created,
    currency: "usd",
    description: "STRIPE PAYOUT",
    destination: input.destination,
    failure_balance_transaction: null,
    failure_code: null,
    failure_message: null,
    livemode: false,
    metadata: {},
    method: "standard",
    original_payout: null,
    payout_method: null,
    reconciliation_status: "completed",
    reversed_by: null,
    source_type: "card",
    statement_descriptor: null,
    status: "paid",
    trace_id: { status: "supported", value: input.traceId },
    type: "bank_account",
  };
}
