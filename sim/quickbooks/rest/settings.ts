// GET /exchangerate?sourcecurrencycode=EUR&asofdate=2025-01-31: the rate converting one unit of the source
// currency into the home currency, from the company's own rates (realm.exchangeRates) or a default table.
import type { RealmContext } from "./context";
import { faults } from "./faults";
import { checkDate, today } from "./rules/common";
import { exchangeRateRules } from "./rules/company";
import { homeCurrency, isKnownCurrency, rateFor } from "./rules/currency";
import { decimalToNumber } from "./rules/money";
import { nowStamp } from "./store";

export function readExchangeRate(ctx: RealmContext, source: string | null, asOf: string | null): Record<string, unknown> {
  if (source === null || source.trim() === "") throw faults.requiredParam("sourcecurrencycode");
  const code = source.trim().toUpperCase();
  const date = asOf === null || asOf === "" ? today(ctx) : checkDate(asOf, "asofdate");
  const rate = isKnownCurrency(code) ? rateFor(ctx, code, date) : undefined;
  if (rate === undefined) throw faults.invalidValue("sourcecurrencycode", `Unsupported currency code: ${code}`);
  return {
    SourceCurrencyCode: code,
    TargetCurrencyCode: homeCurrency(ctx),
    Rate: decimalToNumber(rate),
    AsOfDate: date,
    domain: "QBO",
    sparse: false,
    SyncToken: "0",
    MetaData: { LastUpdatedTime: nowStamp(ctx) },
  };
}

/** POST /exchangerate: sets the company's own rate for a currency and date, answered like a read of it. */
export function updateExchangeRate(ctx: RealmContext, body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== "object" || Array.isArray(body)) throw faults.malformedBody("Expected an ExchangeRate object");
  const input = body as Record<string, unknown>;
  for (const field of Object.keys(input)) {
    if (!["SyncToken", "domain", "sparse", "MetaData", ...exchangeRateRules.fields].includes(field)) throw faults.unknownField(field, "ExchangeRate");
  }
  const stored = exchangeRateRules.prepare!(ctx, { ...input, Id: "", SyncToken: "0", MetaData: { CreateTime: "", LastUpdatedTime: "" } }, undefined);
  return readExchangeRate(ctx, String(stored.SourceCurrencyCode), String(stored.AsOfDate));
}
