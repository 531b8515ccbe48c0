import type Stripe from "stripe";
import { formatMinorUnits, normalised, type Normalised } from "../../canonical";
import { currencyCode, minorUnits, sumMinorUnits } from "./amounts";
import { idOf, isoFromUnix, notYet, present, sourceIds } from "./common";
import type { EventMeta, InputOf, StripeContext } from "./context";

type PayoutTransaction = NonNullable<InputOf<"PAYOUT">["transactions"]>[number];

/**
 * `payout.paid`: the net amount reached the bank. The payout's own balance transactions (context) say what it
 * settled: gross is what those transactions moved, fees what Stripe kept, and their nets must add up to the
 * amount paid out, or the list the shell fetched is incomplete.
 */
export function payoutToCanonical(event: EventMeta, payout: Stripe.Payout, context: StripeContext): Normalised {
  const ownId = idOf(payout.balance_transaction);
  // The list for a payout includes the payout's own withdrawal from the balance; that is the deposit, not a
  // transaction it settles.
  const settled = Object.values(context.balanceTransactions).filter((bt) => bt.id !== ownId && bt.type !== "payout");
  const amountMinor = minorUnits(payout.amount, payout.currency);
  const totals = settled.length === 0 ? unitemised(amountMinor) : itemised(payout, settled, amountMinor);
  const booked: InputOf<"PAYOUT"> = {
    kind: "PAYOUT",
    source: "STRIPE",
    sourceIds: sourceIds({ object: payout.id, event: event.id, balanceTransaction: ownId }),
    occurredAt: isoFromUnix(payout.created),
    currency: currencyCode(payout.currency),
    amountMinor,
    description: present(payout.description),
    arrivalDate: isoFromUnix(payout.arrival_date),
    ...totals,
  };
  return normalised([booked]);
}

/**
 * No transactions were given (a manual payout, which Stripe does not itemise, or the shell did not list them):
 * the ledger can still book the deposit, as gross = net with no fees, but not split it into what it settled.
 */
function unitemised(amountMinor: number) {
  return { grossMinor: amountMinor, feesMinor: 0, transactions: [] };
}

function itemised(payout: Stripe.Payout, settled: Stripe.BalanceTransaction[], amountMinor: number) {
  const currency = currencyCode(payout.currency);
  const foreign = settled.find((bt) => currencyCode(bt.currency) !== currency);
  if (foreign) {
    throw notYet(`Stripe balance transaction ${foreign.id} is in ${currencyCode(foreign.currency)}, but payout ${payout.id} is in ${currency}; the payout's transactions were listed wrongly and will be fetched again.`, {
      payout: payout.id,
    });
  }
  const grossMinor = sumMinorUnits(settled.map((bt) => bt.amount), payout.currency);
  const feesMinor = sumMinorUnits(settled.map((bt) => bt.fee), payout.currency);
  const netMinor = sumMinorUnits(settled.map((bt) => bt.net), payout.currency);
  if (netMinor !== amountMinor || grossMinor - feesMinor !== amountMinor) {
    throw notYet(
      `The balance transactions listed for Stripe payout ${payout.id} add up to ${formatMinorUnits(netMinor, currency)} ${currency}, ` +
        `but the payout paid ${formatMinorUnits(amountMinor, currency)} ${currency}; the list is incomplete and will be fetched again.`,
      { payout: payout.id, listed: settled.length, listedNetMinor: netMinor, payoutMinor: amountMinor },
    );
  }
  return { grossMinor, feesMinor, transactions: settled.map(transactionOf) };
}

function transactionOf(bt: Stripe.BalanceTransaction): PayoutTransaction {
  return {
    sourceId: idOf(bt.source) ?? bt.id,
    type: transactionType(bt),
    grossMinor: minorUnits(bt.amount, bt.currency),
    feeMinor: minorUnits(bt.fee, bt.currency),
    netMinor: minorUnits(bt.net, bt.currency),
  };
}

/**
 * Stripe's reporting category is the stable grouping; `type` has dozens of values and changes more often. Balance
 * transactions from before reporting categories (and API versions that do not send them) carry only `type`, which
 * is then sorted the way Stripe's reporting-category documentation maps types to categories.
 */
function transactionType(bt: Stripe.BalanceTransaction): PayoutTransaction["type"] {
  switch (bt.reporting_category ?? categoryOfType(bt)) {
    case "charge":
      return "charge";
    case "refund":
    case "refund_failure":
      return "refund";
    case "dispute":
    case "dispute_reversal":
      return "dispute";
    case "fee":
      return "fee";
    case "other_adjustment":
      return "adjustment";
    default:
      return "other";
  }
}

/** The reporting category Stripe gives a balance transaction `type`, for transactions that do not name one. */
function categoryOfType(bt: Stripe.BalanceTransaction): string {
  switch (bt.type as string) {
    case "charge":
    case "payment":
      return "charge";
    case "refund":
    case "payment_refund":
      return "refund";
    case "refund_failure":
    case "payment_failure_refund":
      return "refund_failure";
    case "adjustment":
      // Stripe books a dispute's withdrawal and reinstatement as adjustments whose source is the dispute
      // (dp_…, or du_… for disputes created before 2019); any other adjustment is "other_adjustment".
      return /^(dp|du)_/.test(idOf(bt.source) ?? "") ? "dispute" : "other_adjustment";
    case "stripe_fee":
    case "stripe_fx_fee":
    case "tax_fee":
      return "fee";
    default:
      return "other";
  }
}
