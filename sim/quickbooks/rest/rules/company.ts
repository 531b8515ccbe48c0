// CompanyInfo and Preferences (one record each, Id "1") and ExchangeRate. Preferences groups merge field by
// field: an update changes the preferences it names and keeps the rest, since "clearing" a preference has no
// meaning in QuickBooks. Multicurrency, once on, stays on; the home currency never changes.
import type { EntityRecord } from "../../state";
import { faults } from "../faults";
import { checkDate, isBlank, isObject, refValue, requireFields, type Json } from "./common";
import { homeCurrency, isKnownCurrency } from "./currency";
import { ensureCurrency } from "./lists";
import { formatDecimal, parseDecimal } from "./money";
import type { EntityRules } from "./types";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

export const companyInfoRules: EntityRules = {
  fields: [
    "CompanyName",
    "LegalName",
    "CompanyAddr",
    "CustomerCommunicationAddr",
    "LegalAddr",
    "CustomerCommunicationEmailAddr",
    "PrimaryPhone",
    "CompanyStartDate",
    "FiscalYearStartMonth",
    "Country",
    "Email",
    "WebAddr",
    "SupportedLanguages",
    "NameValue",
    "OtherContactInfo",
    "EmployerId",
  ],
  prepare(_ctx, record, previous) {
    // A full update must carry CompanyName; a sparse one keeps the stored name.
    requireFields(record, ["CompanyName"]);
    if (isBlank(record.Country)) record.Country = previous?.Country;
    if (previous && record.Country !== previous.Country) throw faults.businessValidation("The company's country can't be changed.", "Country");
    if (!isBlank(record.FiscalYearStartMonth) && !MONTHS.includes(String(record.FiscalYearStartMonth))) {
      throw faults.invalidValue("FiscalYearStartMonth", `Invalid month: ${String(record.FiscalYearStartMonth)}`);
    }
    for (const field of ["SupportedLanguages", "FiscalYearStartMonth", "CompanyStartDate", "NameValue"]) {
      if (isBlank(record[field]) && previous && !isBlank(previous[field])) record[field] = previous[field];
    }
    return record;
  },
  afterSave(ctx, saved) {
    if (typeof saved.CompanyName === "string") ctx.realm.companyName = saved.CompanyName;
  },
};

const PREF_GROUPS = [
  "AccountingInfoPrefs",
  "ProductAndServicesPrefs",
  "SalesFormsPrefs",
  "EmailMessagesPrefs",
  "VendorAndPurchasesPrefs",
  "TimeTrackingPrefs",
  "TaxPrefs",
  "CurrencyPrefs",
  "ReportPrefs",
  "OtherPrefs",
];

/** Currencies a company gets in its list when multicurrency is turned on. */
export const COMMON_CURRENCIES = ["USD", "EUR", "GBP", "CAD", "AUD", "JPY"];

export const preferencesRules: EntityRules = {
  fields: PREF_GROUPS,
  prepare(ctx, record, previous) {
    for (const group of PREF_GROUPS) {
      const before = previous?.[group];
      const after = record[group];
      if (after !== undefined && !isObject(after)) throw faults.invalidValue(group, `${group} must be an object`);
      record[group] = { ...(isObject(before) ? before : {}), ...(isObject(after) ? after : {}) };
    }
    const currency = record.CurrencyPrefs as Json;
    const wasOn = ctx.realm.multicurrency;
    if (currency.MultiCurrencyEnabled !== true && currency.MultiCurrencyEnabled !== false) currency.MultiCurrencyEnabled = wasOn;
    if (wasOn && currency.MultiCurrencyEnabled === false) throw faults.businessValidation("Multicurrency can't be turned off once it is on.", "CurrencyPrefs.MultiCurrencyEnabled");
    const home = refValue(currency.HomeCurrency);
    if (home !== undefined && home !== homeCurrency(ctx)) throw faults.businessValidation("The home currency can't be changed.", "CurrencyPrefs.HomeCurrency");
    currency.HomeCurrency = { value: homeCurrency(ctx) };
    const books = (record.AccountingInfoPrefs as Json).BookCloseDate;
    if (!isBlank(books)) checkDate(books, "AccountingInfoPrefs.BookCloseDate");
    return record as EntityRecord;
  },
  afterSave(ctx, saved) {
    const currency = saved.CurrencyPrefs as Json;
    if (currency.MultiCurrencyEnabled === true && !ctx.realm.multicurrency) {
      ctx.realm.multicurrency = true;
      for (const code of COMMON_CURRENCIES) ensureCurrency(ctx, code);
    }
    // The closing date is what the 6210 check (crud.ts) reads.
    const books = (saved.AccountingInfoPrefs as Json).BookCloseDate;
    if (typeof books === "string") ctx.realm.closedThrough = books === "" ? null : books;
  },
};

/** ExchangeRate writes set the company's own rate for a currency and date (used before the default table). */
export const exchangeRateRules: EntityRules = {
  fields: ["SourceCurrencyCode", "TargetCurrencyCode", "Rate", "AsOfDate", "CustomField"],
  prepare(ctx, record) {
    requireFields(record, ["SourceCurrencyCode", "Rate", "AsOfDate"]);
    const source = String(record.SourceCurrencyCode).toUpperCase();
    if (!isKnownCurrency(source)) throw faults.invalidValue("SourceCurrencyCode", `Unsupported currency code: ${source}`);
    const date = checkDate(record.AsOfDate, "AsOfDate");
    const rate = parseDecimal(record.Rate);
    if (rate === undefined || rate <= 0n) throw faults.invalidValue("Rate", `Invalid Rate: ${String(record.Rate)}`);
    ctx.realm.exchangeRates[`${source}:${date}`] = formatDecimal(rate, 8);
    return { ...record, SourceCurrencyCode: source, TargetCurrencyCode: homeCurrency(ctx) } as EntityRecord;
  },
};
