import type Stripe from "stripe";
import { ignored, normalised, type Normalised } from "../../canonical";
import { AppError } from "../../errors/app-error";
import { currencyCode, minorUnits, sumMinorUnits } from "./amounts";
import { idOf, isoFromUnix, sourceIds } from "./common";
import type { EventMeta, InputOf } from "./context";

// A dispute's three canonical events share the dispute id as their object; the key includes the kind, so an
// opened and a lost chargeback are two rows, while a repeated `charge.dispute.created` is still one.

type ChargebackKind = "CHARGEBACK_OPENED" | "CHARGEBACK_WON" | "CHARGEBACK_LOST";

/**
 * `charge.dispute.created` and `charge.dispute.funds_withdrawn`: the disputed amount leaves the balance.
 * An inquiry (status `warning_*`) takes no money; if it escalates, Stripe withdraws the funds and sends
 * `charge.dispute.funds_withdrawn`, which books it then.
 */
export function disputeOpened(event: EventMeta, dispute: Stripe.Dispute): Normalised {
  if (dispute.status.startsWith("warning_")) {
    return ignored(`Stripe dispute ${dispute.id} is an inquiry (${dispute.status}): no money has left the balance, so nothing is booked unless it becomes a chargeback.`);
  }
  return normalised([chargeback("CHARGEBACK_OPENED", event, dispute, feesCharged(dispute))]);
}

/**
 * `charge.disputed`, which API versions from before `charge.dispute.*` send when a chargeback opens. Its object is
 * the dispute, or on the oldest versions the charge with the dispute inside it, whose single
 * `balance_transaction` is an id: its fee is then not known here and reaches the books with the payout.
 */
export function chargeDisputed(event: EventMeta, object: { object?: string; id: string; dispute?: unknown }): Normalised {
  if (object.object === "dispute") return disputeOpened(event, object as unknown as Stripe.Dispute);
  const embedded = object.dispute;
  if (typeof embedded !== "object" || embedded === null) {
    throw new AppError(
      "VALIDATION_FAILED",
      `Stripe charge ${object.id} was disputed, but its charge.disputed event does not carry the dispute, so the amount taken back is unknown. Record the chargeback from the Stripe dashboard.`,
      { charge: object.id },
    );
  }
  const dispute = embedded as Partial<Stripe.Dispute> & Pick<Stripe.Dispute, "id" | "status" | "amount" | "currency" | "created">;
  return disputeOpened(event, { ...dispute, charge: dispute.charge ?? object.id, payment_intent: dispute.payment_intent ?? null, balance_transactions: dispute.balance_transactions ?? [] } as Stripe.Dispute);
}

/** `charge.dispute.closed`: won brings the money back, lost makes the loss final; other outcomes move nothing. */
export function disputeClosed(event: EventMeta, dispute: Stripe.Dispute): Normalised {
  if (dispute.status === "won") return normalised([chargeback("CHARGEBACK_WON", event, dispute, feesReturned(dispute))]);
  if (dispute.status === "lost") return normalised([chargeback("CHARGEBACK_LOST", event, dispute, feesCharged(dispute))]);
  return ignored(`Stripe dispute ${dispute.id} closed as "${dispute.status}", which moves no money; nothing is booked.`);
}

function chargeback(kind: ChargebackKind, event: EventMeta, dispute: Stripe.Dispute, feeMinor: number | undefined): InputOf<ChargebackKind> {
  const chargeId = idOf(dispute.charge) ?? "";
  return {
    kind,
    source: "STRIPE",
    sourceIds: sourceIds({ object: dispute.id, event: event.id, charge: chargeId, paymentIntent: idOf(dispute.payment_intent) }),
    // A dispute keeps only its opening time; it closed when Stripe sent the closing event.
    occurredAt: isoFromUnix(kind === "CHARGEBACK_OPENED" ? dispute.created : event.created),
    currency: currencyCode(dispute.currency),
    amountMinor: minorUnits(dispute.amount, dispute.currency),
    disputeSourceId: dispute.id,
    chargeSourceId: chargeId,
    reason: dispute.reason || undefined,
    feeMinor,
  };
}

/** Dispute fees Stripe took (positive fees on the dispute's balance transactions). */
function feesCharged(dispute: Stripe.Dispute): number | undefined {
  const fees = sameCurrencyFees(dispute);
  return fees && sumMinorUnits(fees.filter((fee) => fee > 0), dispute.currency);
}

/** Dispute fees Stripe gave back on a won dispute (negative fees on the reinstating balance transaction). */
function feesReturned(dispute: Stripe.Dispute): number | undefined {
  const fees = sameCurrencyFees(dispute);
  return fees && sumMinorUnits(fees.filter((fee) => fee < 0).map((fee) => -fee), dispute.currency);
}

/**
 * The fees, when they are in the dispute's currency. A canonical fee has no currency of its own, so a fee Stripe
 * took in another (settlement) currency is left out here; it still reaches the books with the payout.
 */
function sameCurrencyFees(dispute: Stripe.Dispute): number[] | undefined {
  const transactions = dispute.balance_transactions;
  if (transactions.length === 0) return undefined;
  if (transactions.some((bt) => currencyCode(bt.currency) !== currencyCode(dispute.currency))) return undefined;
  return transactions.map((bt) => bt.fee);
}
