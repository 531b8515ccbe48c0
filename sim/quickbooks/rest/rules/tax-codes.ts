// What a tax code stands for: the rates on its sales or purchase list (TaxRateDetail entries), each rate's
// percentage, and the liability account a rate's agency is kept in.
import type { EntityRecord } from "../../state";
import type { RealmContext } from "../context";
import { findRecord, records } from "../store";
import { isObject, refValue } from "./common";
import { parseDecimal } from "./money";
import { accountBySubType } from "./refs";

export type Side = "sales" | "purchase";
export type CodeRate = { rate: EntityRecord; percent: bigint };

/** The active rates behind a code on one side, in list order. A code with an empty list taxes nothing. */
export function codeRates(ctx: RealmContext, code: EntityRecord | undefined, side: Side): CodeRate[] {
  const list = code ? code[side === "sales" ? "SalesTaxRateList" : "PurchaseTaxRateList"] : undefined;
  const details = isObject(list) && Array.isArray(list.TaxRateDetail) ? list.TaxRateDetail : [];
  const rates: CodeRate[] = [];
  for (const detail of details) {
    const rate = isObject(detail) ? findRecord(ctx, "TaxRate", refValue(detail.TaxRateRef) ?? "") : undefined;
    const percent = rate && rate.Active !== false ? parseDecimal(rate.RateValue) : undefined;
    if (rate && percent !== undefined) rates.push({ rate, percent });
  }
  return rates;
}

/**
 * The liability account each seeded agency's tax is kept in. QuickBooks creates these accounts with the tax
 * setup and does not expose the link through the API, so the simulator keeps it by agency name; an agency a
 * client creates uses the company's main tax account.
 */
const AGENCY_ACCOUNT: Record<string, string> = {
  State: "Sales Tax Payable",
  "HM Revenue & Customs": "VAT Control",
  "Canada Revenue Agency": "GST/HST Payable",
  "Revenu Québec": "QST Payable",
  "BC Ministry of Finance": "PST Payable",
  "Australian Taxation Office": "GST Payable",
};

function activeAccountNamed(ctx: RealmContext, name: string): EntityRecord | undefined {
  return Object.values(records(ctx, "Account")).find((a) => a.Name === name && a.Active !== false);
}

/** The company's main tax account: Sales Tax Payable in the US, the first GlobalTaxPayable account elsewhere. */
export function mainTaxAccount(ctx: RealmContext): EntityRecord | undefined {
  return ctx.realm.country === "US"
    ? accountBySubType(ctx, "SalesTaxPayable") ?? accountBySubType(ctx, "GlobalTaxPayable")
    : accountBySubType(ctx, "GlobalTaxPayable") ?? accountBySubType(ctx, "SalesTaxPayable");
}

export function rateAccount(ctx: RealmContext, rateId: string | undefined): EntityRecord | undefined {
  const rate = rateId ? findRecord(ctx, "TaxRate", rateId) : undefined;
  const agency = rate ? findRecord(ctx, "TaxAgency", refValue(rate.AgencyRef) ?? "") : undefined;
  const name = typeof agency?.DisplayName === "string" ? AGENCY_ACCOUNT[agency.DisplayName] : undefined;
  return (name ? activeAccountNamed(ctx, name) : undefined) ?? mainTaxAccount(ctx);
}
