// The tax setup QuickBooks gives a new company outside the US: agencies, rates and codes per country (VAT in
// GB, GST/HST/PST/QST in CA, GST in AU), and the liability accounts the tax is kept in. Every code lists
// sales and/or purchase rates (TaxRateDetail entries); every rate names its agency. Rates are the statutory
// ones; reverse-charge codes (GB ECG/ECS) carry an input rate and an equal negative output rate on purchases,
// the simulator's way of posting both sides of the VAT while the vendor is paid the net.
import type { RealmContext } from "../rest/context";
import { put } from "./put";

type RateSeed = [name: string, percent: number, agency: string];
type CodeSeed = [name: string, sales: string[], purchase: string[]];
type AccountSeed = [name: string, subType: "GlobalTaxPayable" | "GlobalTaxSuspense"];
export type TaxModel = { agencies: string[]; rates: RateSeed[]; codes: CodeSeed[]; accounts: AccountSeed[] };

const HMRC = "HM Revenue & Customs";
const CRA = "Canada Revenue Agency";
const RQ = "Revenu Québec";
const BC = "BC Ministry of Finance";
const ATO = "Australian Taxation Office";

const GB: TaxModel = {
  agencies: [HMRC],
  rates: [
    ["20.0% S", 20, HMRC],
    ["5.0% R", 5, HMRC],
    ["0.0% Z", 0, HMRC],
    ["Exempt", 0, HMRC],
    ["20.0% ECG", 20, HMRC],
    ["-20.0% ECG", -20, HMRC],
    ["20.0% ECS", 20, HMRC],
    ["-20.0% ECS", -20, HMRC],
  ],
  codes: [
    ["20.0% S", ["20.0% S"], ["20.0% S"]],
    ["5.0% R", ["5.0% R"], ["5.0% R"]],
    ["0.0% Z", ["0.0% Z"], ["0.0% Z"]],
    ["Exempt", ["Exempt"], ["Exempt"]],
    ["No VAT", [], []],
    ["20.0% ECG", [], ["20.0% ECG", "-20.0% ECG"]],
    ["20.0% ECS", [], ["20.0% ECS", "-20.0% ECS"]],
  ],
  accounts: [
    ["VAT Control", "GlobalTaxPayable"],
    ["VAT Suspense", "GlobalTaxSuspense"],
  ],
};

// PST is not recoverable, so PST codes have no purchase rate (it stays in the expense); GST, HST and QST are.
const CA: TaxModel = {
  agencies: [CRA, RQ, BC],
  rates: [
    ["GST", 5, CRA],
    ["HST ON", 13, CRA],
    ["HST NB", 15, CRA],
    ["HST NL", 15, CRA],
    ["HST NS", 14, CRA],
    ["HST PE", 15, CRA],
    ["PST BC", 7, BC],
    ["QST", 9.975, RQ],
    ["Zero-rated", 0, CRA],
    ["Exempt", 0, CRA],
  ],
  codes: [
    ["GST", ["GST"], ["GST"]],
    ["HST ON", ["HST ON"], ["HST ON"]],
    ["HST NB", ["HST NB"], ["HST NB"]],
    ["HST NL", ["HST NL"], ["HST NL"]],
    ["HST NS", ["HST NS"], ["HST NS"]],
    ["HST PE", ["HST PE"], ["HST PE"]],
    ["PST BC", ["PST BC"], []],
    ["GST/PST BC", ["GST", "PST BC"], ["GST"]],
    ["QST", ["QST"], ["QST"]],
    ["GST/QST QC", ["GST", "QST"], ["GST", "QST"]],
    ["Zero-rated", ["Zero-rated"], ["Zero-rated"]],
    ["Exempt", ["Exempt"], ["Exempt"]],
    ["Out of Scope", [], []],
  ],
  accounts: [
    ["GST/HST Payable", "GlobalTaxPayable"],
    ["GST/HST Suspense", "GlobalTaxSuspense"],
    ["PST Payable", "GlobalTaxPayable"],
    ["QST Payable", "GlobalTaxPayable"],
  ],
};

const AU: TaxModel = {
  agencies: [ATO],
  rates: [
    ["GST", 10, ATO],
    ["GST free", 0, ATO],
    ["Input taxed", 0, ATO],
  ],
  codes: [
    ["GST", ["GST"], ["GST"]],
    ["GST on non-capital", [], ["GST"]],
    ["GST on capital", [], ["GST"]],
    ["GST free", ["GST free"], ["GST free"]],
    ["Input taxed", ["Input taxed"], ["Input taxed"]],
    ["Out of Scope", [], []],
  ],
  accounts: [
    ["GST Payable", "GlobalTaxPayable"],
    ["GST Suspense", "GlobalTaxSuspense"],
  ],
};

const MODELS: Record<string, TaxModel> = { GB, CA, AU };

/** The country's model; undefined for the US and for countries the simulator has none for (they keep the US one). */
export function taxModelOf(country: string): TaxModel | undefined {
  return MODELS[country];
}

/** The tax liability accounts of a model, as chart rows (seed/accounts.ts). */
export function taxAccountRows(model: TaxModel): [name: string, type: string, subType: string][] {
  return model.accounts.map(([name, subType]) => [name, "Other Current Liability", subType]);
}

export function seedTaxModel(ctx: RealmContext, model: TaxModel, startDate: string): void {
  const agencies = new Map<string, string>();
  for (const name of model.agencies) {
    agencies.set(name, put(ctx, "TaxAgency", { DisplayName: name, TaxTrackedOnSales: true, TaxTrackedOnPurchases: true, TaxAgencyConfig: "SYSTEM_GENERATED" }).Id);
  }
  const rates = new Map<string, string>();
  for (const [name, percent, agency] of model.rates) {
    const rate = put(ctx, "TaxRate", {
      Name: name,
      Description: name,
      Active: true,
      RateValue: percent,
      AgencyRef: { value: agencies.get(agency) },
      SpecialTaxType: percent === 0 ? "ZERO_RATE" : "NONE",
      DisplayType: "ReadOnly",
      EffectiveTaxRate: [{ RateValue: percent, EffectiveDate: `${startDate}T00:00:00-08:00` }],
    });
    rates.set(name, rate.Id);
  }
  const list = (names: string[]) => ({
    TaxRateDetail: names.map((name, order) => ({ TaxRateRef: { value: rates.get(name), name }, TaxTypeApplicable: "TaxOnAmount", TaxOrder: order })),
  });
  for (const [name, sales, purchase] of model.codes) {
    const percents = [...sales, ...purchase].map((r) => model.rates.find(([n]) => n === r)?.[1] ?? 0);
    put(ctx, "TaxCode", {
      Name: name,
      Description: name,
      Active: true,
      Hidden: false,
      Taxable: percents.some((p) => p !== 0),
      TaxGroup: sales.length > 1 || purchase.length > 1,
      SalesTaxRateList: list(sales),
      PurchaseTaxRateList: list(purchase),
    });
  }
}
