import type Stripe from "stripe";
import { AppError } from "../../errors/app-error";
import { currencyCode, minorUnits } from "./amounts";
import type { InputOf, StripeContext } from "./context";

type Settlement = NonNullable<InputOf<"SALE">["settlement"]>;

/** A field Stripe may send as an id or, when expanded, as the object. */
export type Ref = string | { id: string } | null | undefined;

export function idOf(ref: Ref): string | undefined {
  if (ref == null) return undefined;
  return typeof ref === "string" ? ref : ref.id;
}

/** Stripe timestamps are unix seconds. */
export function isoFromUnix(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}

/** Source ids without the ones Stripe did not send: the canonical schema accepts only real ids. */
export function sourceIds(ids: { object: string } & Record<string, string | undefined>): { object: string } & Record<string, string> {
  const kept: { object: string } & Record<string, string> = { object: ids.object };
  for (const [key, value] of Object.entries(ids)) if (value !== undefined && value !== "") kept[key] = value;
  return kept;
}

/** Turns Stripe's nulls into absent fields, which is what the canonical schema's optional fields accept. */
export function present<T>(value: T | null | undefined): T | undefined {
  return value ?? undefined;
}

/**
 * Something Stripe has not produced yet, or the shell has not fetched yet: the event is fine, only early. The
 * sync layer can tell these from a broken payload by `details.retryable`.
 */
export function notYet(message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError("VALIDATION_FAILED", message, { ...details, retryable: true });
}

/**
 * The balance transaction behind a charge or refund, expanded in the payload or fetched into the context.
 * `null` returns undefined: the caller decides whether it can book without one.
 */
export function balanceTransactionOf(
  ref: string | Stripe.BalanceTransaction | null,
  context: StripeContext,
  what: string,
): Stripe.BalanceTransaction | undefined {
  if (ref === null) return undefined;
  if (typeof ref === "object") return ref;
  const found = context.balanceTransactions[ref];
  if (!found) throw notYet(`The fee for ${what} is in Stripe balance transaction ${ref}, which has not been fetched yet; it will be retried.`, { balanceTransaction: ref });
  return found;
}

/**
 * The fee of a balance transaction, when it is in the event's own currency. Stripe keeps fees in the balance
 * (settlement) currency, and a canonical fee has no currency of its own: a USD fee on a EUR sale is left out
 * here rather than booked as euros. It still reaches the books through the payout's transactions, which are
 * all in the payout's currency.
 */
export function feeInEventCurrency(bt: Stripe.BalanceTransaction | undefined, stripeCurrency: string, fee = bt?.fee): number | undefined {
  if (!bt || fee === undefined || currencyCode(bt.currency) !== currencyCode(stripeCurrency)) return undefined;
  return minorUnits(fee, bt.currency);
}

/** What a charge or refund became in the balance currency, when Stripe converted it. Amounts are positive. */
export function settlementOf(bt: Stripe.BalanceTransaction | undefined, stripeCurrency: string, what: string): Settlement | undefined {
  if (!bt || currencyCode(bt.currency) === currencyCode(stripeCurrency)) return undefined;
  if (bt.exchange_rate === null) {
    throw new AppError(
      "VALIDATION_FAILED",
      `Stripe converted ${what} from ${currencyCode(stripeCurrency)} to ${currencyCode(bt.currency)} without reporting the exchange rate, so the converted amount cannot be checked.`,
      { balanceTransaction: bt.id },
    );
  }
  return { currency: currencyCode(bt.currency), amountMinor: Math.abs(minorUnits(bt.amount, bt.currency)), exchangeRate: decimalString(bt.exchange_rate) };
}

/**
 * A rate or percentage Stripe sends as a JSON number, written as the decimal string the canonical schema wants.
 * These are the source's reported figures, not money, so they are kept as Stripe printed them.
 */
export function decimalString(value: number): string {
  const plain = String(value);
  if (/^-?\d+(\.\d+)?$/.test(plain)) return plain;
  return value.toFixed(10).replace(/\.?0+$/, ""); // exponent notation (1e-7) from very small or large numbers
}
