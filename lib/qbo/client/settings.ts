// Company-level reads: CompanyInfo (read by the realm id, not its own Id), Preferences (no id at all) and
// the exchange rate QuickBooks would use for a currency on a date.
import { z } from "zod";
import { invalidArgument } from "./qbo-error";
import { CompanyInfoSchema, ExchangeRateSchema, PreferencesSchema, type CompanyInfo, type ExchangeRate, type Preferences } from "./schemas";
import { expectShape, type Transport } from "./transport";

const CurrencyCodeSchema = z.string().regex(/^[A-Za-z]{3}$/);
const DateSchema = z.iso.date();

export async function readCompanyInfo(transport: Transport, realmId: string): Promise<CompanyInfo> {
  const answer = await transport.send({ method: "GET", path: `/companyinfo/${encodeURIComponent(realmId)}`, kind: "read" });
  return expectShape(z.looseObject({ CompanyInfo: CompanyInfoSchema }), answer, "company info").CompanyInfo;
}

export async function readPreferences(transport: Transport): Promise<Preferences> {
  const answer = await transport.send({ method: "GET", path: "/preferences", kind: "read" });
  return expectShape(z.looseObject({ Preferences: PreferencesSchema }), answer, "preferences").Preferences;
}

export async function readExchangeRate(transport: Transport, sourceCurrency: string, asOfDate: string): Promise<ExchangeRate> {
  const currency = CurrencyCodeSchema.safeParse(sourceCurrency);
  if (!currency.success) throw invalidArgument("sourceCurrency must be a three-letter ISO currency code", "sourcecurrencycode");
  const date = DateSchema.safeParse(asOfDate);
  if (!date.success) throw invalidArgument("asOfDate must be a date written YYYY-MM-DD", "asofdate");
  const answer = await transport.send({
    method: "GET",
    path: "/exchangerate",
    params: { sourcecurrencycode: currency.data.toUpperCase(), asofdate: date.data },
    kind: "read",
  });
  return expectShape(z.looseObject({ ExchangeRate: ExchangeRateSchema }), answer, "an exchange rate").ExchangeRate;
}
