// Tax computed from each line's own rates (every company outside the US, and tax-inclusive US documents):
// one TaxLine per rate with the net amount it was charged on. Tax-exclusive tax is each rate's percentage of
// the sum of its lines, rounded once per rate; tax-inclusive tax is split out of each line's gross (rounded
// per line and rate, see tax-math.ts), the line's Amount becomes its net and TaxInclusiveAmt keeps the gross,
// as QuickBooks answers. Either way the lines' nets plus the tax are the document's total to the cent.
import type { EntityRecord } from "../../state";
import type { Json } from "./common";
import { centsToAmount, decimalToNumber, divRound } from "./money";
import type { CodeRate } from "./tax-codes";
import { splitInclusive, taxOnNet } from "./tax-math";
import type { TaxMode } from "./tax-mode";

export type TaxedLine = { line: Json; detail: Json; cents: number; rates: CodeRate[] };

/** A discount taken off the item lines before tax: `cents` of a `subtotalCents` the lines add up to. */
export type Discount = { cents: number; subtotalCents: number };

export type LineTax = { taxLines: Json[]; taxCents: number; netCents: number };

type Bucket = { rate: EntityRecord; percent: bigint; base: number; tax: number };

/** The part of a discount that falls on `cents` of the discounted lines (proportional, rounded). */
function shareOf(discount: Discount | undefined, cents: number): number {
  if (!discount || discount.cents === 0 || discount.subtotalCents === 0) return 0;
  return Number(divRound(BigInt(discount.cents) * BigInt(cents), BigInt(discount.subtotalCents)));
}

function taxLine(bucket: Bucket): Json {
  return {
    Amount: centsToAmount(bucket.tax),
    DetailType: "TaxLineDetail",
    TaxLineDetail: { TaxRateRef: { value: bucket.rate.Id }, PercentBased: true, TaxPercent: decimalToNumber(bucket.percent), NetAmountTaxable: centsToAmount(bucket.base) },
  };
}

/** Computes the tax of `lines` and, when tax-inclusive, rewrites their Amount to the net. */
export function lineTax(lines: TaxedLine[], mode: TaxMode, discount?: Discount): LineTax {
  const buckets = new Map<string, Bucket>();
  const bucketOf = ({ rate, percent }: CodeRate) => {
    let bucket = buckets.get(rate.Id);
    if (!bucket) buckets.set(rate.Id, (bucket = { rate, percent, base: 0, tax: 0 }));
    return bucket;
  };
  let net = 0;
  for (const taxed of lines) {
    const rates = mode === "NotApplicable" ? [] : taxed.rates;
    if (mode === "TaxInclusive" && rates.length > 0) {
      const taxedGross = taxed.cents - shareOf(discount, taxed.cents);
      const split = splitInclusive(taxedGross, rates.map((r) => r.percent));
      const lineNet = taxed.cents - (taxedGross - split.net);
      taxed.line.Amount = centsToAmount(lineNet);
      taxed.detail.TaxInclusiveAmt = centsToAmount(taxed.cents);
      rates.forEach((rate, i) => {
        const bucket = bucketOf(rate);
        bucket.base += split.net;
        bucket.tax += split.taxes[i]!;
      });
      net += lineNet;
    } else {
      for (const rate of rates) bucketOf(rate).base += taxed.cents;
      net += taxed.cents;
    }
  }
  if (mode === "TaxExcluded") {
    for (const bucket of buckets.values()) {
      bucket.base -= shareOf(discount, bucket.base);
      bucket.tax = taxOnNet(bucket.base, [bucket.percent])[0]!;
    }
  }
  const all = [...buckets.values()];
  return { taxLines: all.map(taxLine), taxCents: all.reduce((sum, b) => sum + b.tax, 0), netCents: net };
}
