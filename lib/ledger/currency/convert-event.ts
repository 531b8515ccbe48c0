import type { CanonicalEvent, Line, TaxLine } from "../../canonical";
import { scaleParts, scaleRounded, sum } from "../shared/amounts";

// A foreign-currency event restated in the home currency at its settled amount, for companies without
// multicurrency. The amounts that make up the total are scaled together so they add up to the settled amount
// exactly (the remainder of rounding goes to the largest); other amounts (inclusive tax, fees) are scaled alone.

type Slot = { get: () => number; set: (minor: number) => void };

function slot<T extends object, K extends keyof T>(holder: T, key: K): Slot {
  return { get: () => Number(holder[key] ?? 0), set: (minor) => ((holder[key] as unknown) = minor) };
}

function taxSlots(taxes: TaxLine[], inclusive: boolean): Slot[] {
  return taxes.filter((t) => t.inclusive === inclusive).map((t) => slot(t, "amountMinor"));
}

function documentSlots(lines: Line[], taxes: TaxLine[]): { total: Slot[]; alone: Slot[] } {
  const total: Slot[] = [];
  const alone: Slot[] = [];
  for (const line of lines) {
    total.push(slot(line, "amountMinor"));
    total.push(...taxSlots(line.taxes, false));
    alone.push(...taxSlots(line.taxes, true));
    if (line.unitAmountMinor !== undefined) alone.push(slot(line, "unitAmountMinor"));
    if (line.discountMinor !== undefined) alone.push(slot(line, "discountMinor"));
  }
  total.push(...taxSlots(taxes, false));
  alone.push(...taxSlots(taxes, true));
  return { total, alone };
}

function slotsOf(event: CanonicalEvent): { total: Slot[]; alone: Slot[] } {
  switch (event.kind) {
    case "SALE":
    case "REFUND": {
      const parts = documentSlots(event.lines, event.taxes);
      if (event.shippingMinor !== undefined) parts.total.push(slot(event, "shippingMinor"));
      if (event.kind === "SALE" && event.feeMinor !== undefined) parts.alone.push(slot(event, "feeMinor"));
      if (event.kind === "REFUND" && event.feeReturnedMinor !== undefined) parts.alone.push(slot(event, "feeReturnedMinor"));
      // A refund without lines is its amount alone.
      if (parts.total.length === 0) parts.total.push(slot(event, "amountMinor"));
      return parts;
    }
    case "INVOICE_ISSUED":
    case "SUBSCRIPTION_INVOICE":
      return documentSlots(event.lines, event.taxes);
    case "PAYMENT": {
      const applied = event.appliedTo.map((a) => slot(a, "amountMinor"));
      const unapplied = event.amountMinor - sum(event.appliedTo.map((a) => a.amountMinor));
      const holder = { unapplied };
      return { total: [...applied, slot(holder, "unapplied")], alone: event.feeMinor !== undefined ? [slot(event, "feeMinor")] : [] };
    }
    case "CHARGEBACK_OPENED":
    case "CHARGEBACK_WON":
    case "CHARGEBACK_LOST":
      return { total: [slot(event, "amountMinor")], alone: event.feeMinor !== undefined ? [slot(event, "feeMinor")] : [] };
    default:
      return { total: [slot(event, "amountMinor")], alone: [] };
  }
}

/** `event` in `currency`, `settledMinor` being what its amountMinor became. The input is not changed. */
export function convertEvent(event: CanonicalEvent, currency: string, settledMinor: number): CanonicalEvent {
  const copy = structuredClone(event);
  const from = copy.amountMinor;
  const { total, alone } = slotsOf(copy);
  const scaled = scaleParts(total.map((s) => s.get()), from, settledMinor);
  for (const s of alone) s.set(scaleRounded(s.get(), BigInt(settledMinor), BigInt(from === 0 ? 1 : from)));
  total.forEach((s, i) => s.set(scaled[i]!));
  copy.amountMinor = settledMinor;
  copy.currency = currency;
  delete copy.settlement;
  return copy;
}
