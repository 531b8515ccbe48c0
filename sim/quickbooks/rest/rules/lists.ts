// Small name lists: Class, Department (sub-lists with FullyQualifiedName), TaxCode and TaxRate (read-only
// through the API), and Currency (the company's currency list, one record per ISO code).
import type { EntityRecord } from "../../state";
import type { RealmContext } from "../context";
import { faults } from "../faults";
import { nextId, records, saveRecord } from "../store";
import { defOf, requireFields, type Json } from "./common";
import { CURRENCY_NAMES, homeCurrency, isKnownCurrency } from "./currency";
import { placeInHierarchy, renameChildren } from "./hierarchy";
import type { EntityRules } from "./types";

function subList(entity: string, subFlag: string): EntityRules {
  return {
    fields: ["Name", subFlag, "ParentRef", "Level", "FullyQualifiedName", "Active"],
    required: ["Name"],
    prepare(ctx, record) {
      requireFields(record, ["Name"]);
      const name = String(record.Name).trim();
      record.Name = name;
      placeInHierarchy(ctx, entity, record, name, subFlag);
      record.Active = record.Active ?? true;
      return record as EntityRecord;
    },
    afterSave(ctx, saved, previous) {
      if (previous && previous.FullyQualifiedName !== saved.FullyQualifiedName) renameChildren(ctx, entity, saved);
    },
  };
}

export const classRules = subList("Class", "SubClass");
export const departmentRules = subList("Department", "SubDepartment");

/** TaxCode and TaxRate can't be written through the API (entities.ts refuses); the lists document their shape. */
export const taxCodeRules: EntityRules = {
  fields: ["Name", "Description", "Active", "Hidden", "Taxable", "TaxGroup", "SalesTaxRateList", "PurchaseTaxRateList", "AdjustmentTaxRateList", "TaxCodeConfigType"],
};

export const taxRateRules: EntityRules = {
  fields: ["Name", "Description", "Active", "RateValue", "AgencyRef", "SpecialTaxType", "DisplayType", "EffectiveTaxRate", "TaxReturnLineRef", "OriginalTaxRate"],
};

function currencyRecord(ctx: RealmContext, code: string, exceptId?: string): EntityRecord | undefined {
  return Object.values(records(ctx, "Currency")).find((c) => c.Code === code && c.Id !== exceptId);
}

function prepareCurrency(ctx: RealmContext, record: Json, previous: EntityRecord | undefined): EntityRecord {
  requireFields(record, ["Code"]);
  const code = String(record.Code).toUpperCase();
  if (!isKnownCurrency(code)) throw faults.invalidValue("Code", `Unsupported currency code: ${code}`);
  if (previous && previous.Code !== code) throw faults.businessValidation("A currency's code can't change.", "Code");
  if (code !== homeCurrency(ctx) && !ctx.realm.multicurrency) throw faults.businessValidation("Multicurrency is not turned on for this company.", "Code");
  if (currencyRecord(ctx, code, String(record.Id))) throw faults.businessValidation(`${code} is already in the currency list.`, "Code");
  if (code === homeCurrency(ctx) && record.Active === false) throw faults.businessValidation("The home currency can't be made inactive.", "Active");
  record.Code = code;
  record.Name = CURRENCY_NAMES[code];
  record.Active = record.Active ?? true;
  return record as EntityRecord;
}

export const currencyRules: EntityRules = {
  fields: ["Code", "Name", "Active", "Separator", "Format", "DecimalPlaces", "DecimalSeparator", "Symbol", "SymbolPosition", "UserDefined"],
  required: ["Code"],
  prepare: prepareCurrency,
};

/** Adds a currency to the list when missing (seeding, and turning multicurrency on). */
export function ensureCurrency(ctx: RealmContext, code: string): void {
  if (currencyRecord(ctx, code)) return;
  const def = defOf("Currency");
  saveRecord(
    ctx,
    def,
    { Code: code, Name: CURRENCY_NAMES[code] ?? code, Active: true, domain: "QBO", sparse: false, Id: nextId(ctx, def), SyncToken: "0", MetaData: { CreateTime: "", LastUpdatedTime: "" } },
    "Create",
  );
}
