// Tax codes and rates (US: TAX and NON on lines, one 8% state rate behind the company's sales tax code; other
// countries: their own model, tax-models.ts),
// currencies, a class and a location, a few customers and vendors, an employee, and products and services
// posting to the right accounts.
import type { RealmContext } from "../rest/context";
import { COMMON_CURRENCIES } from "../rest/rules/company";
import { ensureCurrency } from "../rest/rules/lists";
import { put } from "./put";
import { seedTaxModel, taxModelOf } from "./tax-models";

/** The TaxCode Id of the company's sales tax, named in Preferences.TaxPrefs.TaxGroupCodeRef. */
export const SALES_TAX_CODE_ID = "1";
export const SALES_TAX_PERCENT = 8;

export function seedTax(ctx: RealmContext, startDate: string): void {
  const model = taxModelOf(ctx.realm.country);
  if (model) return seedTaxModel(ctx, model, startDate);
  // The agency the state rate is owed to (TaxRate.AgencyRef "1").
  put(ctx, "TaxAgency", { DisplayName: "State", TaxTrackedOnSales: true, TaxTrackedOnPurchases: false, TaxAgencyConfig: "SYSTEM_GENERATED" }, "1");
  put(
    ctx,
    "TaxRate",
    {
      Name: "State sales tax",
      Description: "State sales tax",
      Active: true,
      RateValue: SALES_TAX_PERCENT,
      AgencyRef: { value: "1" },
      SpecialTaxType: "NONE",
      DisplayType: "ReadOnly",
      EffectiveTaxRate: [{ RateValue: SALES_TAX_PERCENT, EffectiveDate: `${startDate}T00:00:00-08:00` }],
    },
    "1",
  );
  const none = { TaxRateDetail: [] };
  put(ctx, "TaxCode", { Name: "TAX", Description: "TAX", Active: true, Hidden: false, Taxable: true, TaxGroup: false, SalesTaxRateList: none, PurchaseTaxRateList: none }, "TAX");
  put(ctx, "TaxCode", { Name: "NON", Description: "NON", Active: true, Hidden: false, Taxable: false, TaxGroup: false, SalesTaxRateList: none, PurchaseTaxRateList: none }, "NON");
  put(
    ctx,
    "TaxCode",
    {
      Name: "State sales tax",
      Description: "State sales tax",
      Active: true,
      Hidden: false,
      Taxable: true,
      TaxGroup: true,
      SalesTaxRateList: { TaxRateDetail: [{ TaxRateRef: { value: "1", name: "State sales tax" }, TaxTypeApplicable: "TaxOnAmount", TaxOrder: 0 }] },
      PurchaseTaxRateList: none,
    },
    SALES_TAX_CODE_ID,
  );
}

export function seedCurrencies(ctx: RealmContext): void {
  ensureCurrency(ctx, ctx.realm.currency);
  if (ctx.realm.multicurrency) for (const code of COMMON_CURRENCIES) ensureCurrency(ctx, code);
}

const address = (line1: string, city: string, state: string, zip: string) => ({ Line1: line1, City: city, CountrySubDivisionCode: state, PostalCode: zip });

export function seedNames(ctx: RealmContext): void {
  put(ctx, "Class", { Name: "Retail" });
  put(ctx, "Department", { Name: "Main Street" });

  put(ctx, "Customer", {
    CompanyName: "Harbor View Bakery",
    GivenName: "Maya",
    FamilyName: "Lind",
    DisplayName: "Harbor View Bakery",
    PrimaryEmailAddr: { Address: "orders@harborviewbakery.example" },
    PrimaryPhone: { FreeFormNumber: "(415) 555-0134" },
    BillAddr: address("18 Pier Road", "Sausalito", "CA", "94965"),
  });
  put(ctx, "Customer", {
    CompanyName: "Northwind Outfitters",
    DisplayName: "Northwind Outfitters",
    PrimaryEmailAddr: { Address: "ap@northwind.example" },
    BillAddr: address("400 Market Street", "San Francisco", "CA", "94105"),
  });
  put(ctx, "Customer", { GivenName: "Priya", FamilyName: "Raman", PrimaryEmailAddr: { Address: "priya.raman@example.com" } });

  put(ctx, "Vendor", { CompanyName: "Pacific Paper Supply", DisplayName: "Pacific Paper Supply", BillAddr: address("77 Mill Lane", "Oakland", "CA", "94607") });
  put(ctx, "Vendor", { CompanyName: "Brightline Utilities", DisplayName: "Brightline Utilities" });
  put(ctx, "Vendor", { CompanyName: "Cascade Insurance", DisplayName: "Cascade Insurance", Vendor1099: false });

  put(ctx, "Employee", { GivenName: "Jordan", FamilyName: "Ellis", PrimaryEmailAddr: { Address: "jordan@example.com" } });
}

export function seedItems(ctx: RealmContext, accounts: Record<string, string>, startDate: string): void {
  const ref = (name: string) => ({ value: accounts[name] });
  const services = ref("Services");
  put(ctx, "Item", { Name: "Services", Type: "Service", IncomeAccountRef: services });
  put(ctx, "Item", { Name: "Hours", Type: "Service", IncomeAccountRef: services });
  put(ctx, "Item", { Name: "Consulting", Description: "Consulting, per hour", Type: "Service", UnitPrice: 150, IncomeAccountRef: services });
  put(ctx, "Item", { Name: "Shipping", Description: "Shipping and handling", Type: "Service", IncomeAccountRef: ref("Shipping income") });
  put(ctx, "Item", {
    Name: "Widget",
    Description: "Standard widget",
    Type: "Inventory",
    Taxable: true,
    UnitPrice: 25,
    PurchaseDesc: "Standard widget",
    PurchaseCost: 10,
    IncomeAccountRef: ref("Sales of Product Income"),
    ExpenseAccountRef: ref("Cost of Goods Sold"),
    AssetAccountRef: ref("Inventory Asset"),
    QtyOnHand: 100,
    InvStartDate: startDate,
  });
  put(ctx, "Item", {
    Name: "Gift Basket",
    Description: "Seasonal gift basket",
    Type: "NonInventory",
    Taxable: true,
    UnitPrice: 45,
    PurchaseCost: 20,
    IncomeAccountRef: ref("Sales of Product Income"),
    ExpenseAccountRef: ref("Cost of Goods Sold"),
  });
}
