import type { CanonicalEvent } from "../../canonical";
import { formatMinorUnits } from "../../canonical";
import { decimalParts, scaleRounded } from "../shared/amounts";
import type { Ctx } from "../shared/context";
import { convertEvent } from "./convert-event";

// How an event's currency reaches QuickBooks.
//  - Home currency: nothing to say.
//  - Multicurrency on, foreign currency: the document is in the event's currency (CurrencyRef). When the source
//    says what it settled at in the home currency, that rate is sent (ExchangeRate) so the home amounts are the
//    processor's; otherwise QuickBooks uses its own rate for the date, and a note says so.
//  - Multicurrency off, foreign currency: restated in the home currency at the settled amount (the money that
//    actually reached the processor balance), the original amount and rate kept in the memo. Without a settled
//    amount in the home currency there is no honest figure to book, so the event is refused with a Problem.

export type CurrencyPlan = {
  /** The event to book: the input, or its home-currency restatement. */
  event: CanonicalEvent;
  /** CurrencyRef / ExchangeRate for the body. */
  fields: Record<string, unknown>;
  notes: string[];
  memo: string;
  /**
   * Multicurrency only: the home amount QuickBooks will compute (amount x rate, rounded) against what the
   * processor settled. A difference of rounding stays in clearing unless booked (JournalEntry:fx).
   */
  rounding?: { computedHomeMinor: number; settledHomeMinor: number };
};

export function currencyPlan(ctx: Ctx): CurrencyPlan | undefined {
  const { event, facts } = ctx;
  const home = facts.homeCurrency;
  if (event.currency === home) return { event, fields: {}, notes: [], memo: "" };
  const settlement = event.settlement;
  const settledHome = settlement && settlement.currency === home ? settlement : undefined;
  const original = `${formatMinorUnits(event.amountMinor, event.currency)} ${event.currency}`;
  if (facts.multicurrencyEnabled) {
    if (!settledHome) {
      return {
        event,
        fields: { CurrencyRef: { value: event.currency } },
        notes: [`No ${home} settlement is known for this ${event.currency} amount, so QuickBooks applies its own exchange rate for the date.`],
        memo: "",
      };
    }
    const rate = decimalParts(settledHome.exchangeRate);
    return {
      event,
      fields: { CurrencyRef: { value: event.currency }, ExchangeRate: Number(settledHome.exchangeRate) },
      notes: [],
      memo: ` Settled as ${formatMinorUnits(settledHome.amountMinor, home)} ${home} at ${settledHome.exchangeRate}.`,
      rounding: { computedHomeMinor: scaleRounded(event.amountMinor, rate.value, rate.scale), settledHomeMinor: settledHome.amountMinor },
    };
  }
  if (!settledHome) {
    ctx.problems.push({
      code: "CURRENCY_NOT_SUPPORTED",
      message: `This ${original} ${ctx.sourceName} amount has no settled amount in ${home} and multicurrency is off in QuickBooks; turn on multicurrency in QuickBooks, or book it by hand in ${home}.`,
    });
    return undefined;
  }
  const converted = convertEvent(event, home, settledHome.amountMinor);
  return {
    event: converted,
    fields: {},
    notes: [`Converted from ${original} at ${settledHome.exchangeRate} (the settled amount), as multicurrency is off.`],
    memo: ` Originally ${original} at ${settledHome.exchangeRate}.`,
  };
}
