import { ignored, normalised, type Normalised } from "../../canonical";
import { currencyCode, minorUnits } from "./amounts";
import { balanceTransactionOf, feeInEventCurrency, idOf, isoFromUnix, notYet, present, settlementOf, sourceIds } from "./common";
import { amountTaken, chargeNotSucceededBecause, chargeSucceeded, isCaptured, type ChargeOfAnyVersion } from "./charge-shapes";
import type { EventMeta, InputOf, StripeContext } from "./context";


/**
 * A succeeded, captured charge: a SALE paid at once, or a PAYMENT when it paid a Stripe invoice (the invoice
 * itself is booked from `invoice.finalized`, so booking the charge as a sale too would count the revenue twice).
 * `charge.captured` arrives for charges authorised first; it shares the key, so either event books the charge once.
 */
export function chargeToCanonical(event: EventMeta, charge: ChargeOfAnyVersion, context: StripeContext): Normalised {
  if (!chargeSucceeded(charge)) {
    return ignored(`Stripe charge ${charge.id} has not succeeded (${chargeNotSucceededBecause(charge)}); it is booked once it does.`);
  }
  if (!isCaptured(charge)) {
    return ignored(`Stripe charge ${charge.id} is only authorised, not captured; it is booked when it is captured.`);
  }
  const what = `Stripe charge ${charge.id}`;
  const bt = balanceTransactionOf(charge.balance_transaction, context, what);
  if (!bt) throw notYet(`${what} has no balance transaction yet, so Stripe's fee is not known; it will be retried.`, { charge: charge.id });

  const amountMinor = minorUnits(amountTaken(charge), charge.currency);
  const invoiceRef = charge.invoice ?? context.chargeInvoices?.[charge.id];
  const invoiceId = idOf(invoiceRef);
  const common = {
    source: "STRIPE" as const,
    sourceIds: sourceIds({
      object: charge.id,
      event: event.id,
      paymentIntent: idOf(charge.payment_intent),
      balanceTransaction: bt.id,
      invoice: invoiceId,
    }),
    occurredAt: isoFromUnix(charge.created),
    currency: currencyCode(charge.currency),
    amountMinor,
    settlement: settlementOf(bt, charge.currency, what),
    description: present(charge.description),
    customer: customerOf(charge),
    feeMinor: feeInEventCurrency(bt, charge.currency),
  };

  if (invoiceId) {
    const payment: InputOf<"PAYMENT"> = {
      kind: "PAYMENT",
      ...common,
      appliedTo: [{ invoiceSourceId: invoiceId, amountMinor }],
      // Only an expanded invoice tells what was due; an id alone cannot show the payment to be partial.
      partial: typeof invoiceRef === "object" && invoiceRef !== null ? amountMinor < minorUnits(invoiceRef.amount_due, invoiceRef.currency) : false,
      method: present(charge.payment_method_details?.type),
    };
    return normalised([payment]);
  }

  const sale: InputOf<"SALE"> = {
    kind: "SALE",
    ...common,
    lines: [{ description: lineDescription(charge), quantity: "1", unitAmountMinor: amountMinor, amountMinor }],
  };
  return normalised([sale]);
}

function lineDescription(charge: ChargeOfAnyVersion): string {
  return charge.description || charge.calculated_statement_descriptor || charge.statement_descriptor || `Stripe charge ${charge.id}`;
}

/** Who paid, when the charge belongs to a Stripe customer; a guest checkout has billing details only. */
function customerOf(charge: ChargeOfAnyVersion): InputOf<"SALE">["customer"] {
  const id = idOf(charge.customer);
  if (!id) return undefined;
  return {
    sourceId: id,
    name: present(charge.billing_details?.name),
    email: present(charge.billing_details?.email ?? charge.receipt_email),
  };
}
