// Customer, Vendor and Employee. They share one name namespace (6240, checked in crud.ts on DisplayName), so
// DisplayName is derived here before that check when the client sends only name parts.
import type { EntityRecord } from "../../state";
import type { RealmContext } from "../context";
import { faults } from "../faults";
import { customerBalance, refreshCustomerJobs, vendorBalance } from "./balances";
import { isBlank, refValue, type Json } from "./common";
import { currencyRef, homeCurrency, isKnownCurrency } from "./currency";
import { placeInHierarchy, renameChildren } from "./hierarchy";
import { centsToAmount } from "./money";
import { resolveRef } from "./refs";
import type { EntityRules } from "./types";

const PERSON_NAME = ["Title", "GivenName", "MiddleName", "FamilyName", "Suffix"] as const;
const CONTACT = ["PrimaryEmailAddr", "PrimaryPhone", "AlternatePhone", "Mobile", "Fax", "WebAddr", "Active", "PrintOnCheckName", "DisplayName", "V4IDPseudonym"];

const CUSTOMER_FIELDS = [
  ...PERSON_NAME,
  ...CONTACT,
  "CompanyName",
  "FullyQualifiedName",
  "BillAddr",
  "ShipAddr",
  "OtherAddr",
  "Notes",
  "Job",
  "ParentRef",
  "Level",
  "BillWithParent",
  "Taxable",
  "TaxExemptionReasonId",
  "DefaultTaxCodeRef",
  "SalesTermRef",
  "PaymentMethodRef",
  "PreferredDeliveryMethod",
  "ResaleNum",
  "CurrencyRef",
  "Balance",
  "BalanceWithJobs",
  "OpenBalanceDate",
  "ARAccountRef",
  "CustomerTypeRef",
  "IsProject",
  "ClientEntityId",
  "Source",
  "GSTIN",
  "GSTRegistrationType",
  "BusinessNumber",
  "PrimaryTaxIdentifier",
  "SecondaryTaxIdentifier",
];

const VENDOR_FIELDS = [
  ...PERSON_NAME,
  ...CONTACT,
  "CompanyName",
  "BillAddr",
  "OtherContactInfo",
  "Vendor1099",
  "AcctNum",
  "TaxIdentifier",
  "TermRef",
  "APAccountRef",
  "CurrencyRef",
  "Balance",
  "CostRate",
  "BillRate",
  "BusinessNumber",
  "GSTIN",
  "GSTRegistrationType",
  "HasTPAR",
  "T4AEligible",
  "T5018Eligible",
  "TaxReportingBasis",
  "VendorPaymentBank",
  "Source",
];

const EMPLOYEE_FIELDS = [
  ...PERSON_NAME,
  ...CONTACT,
  "PrimaryAddr",
  "EmployeeNumber",
  "SSN",
  "BillableTime",
  "BillRate",
  "CostRate",
  "BirthDate",
  "Gender",
  "HiredDate",
  "ReleasedDate",
  "Organization",
];

/**
 * DisplayName as given, else built like QuickBooks from Title, GivenName, MiddleName, FamilyName and Suffix,
 * else (customers and vendors) the CompanyName. With none of them the request fails with 2020 on DisplayName:
 * QuickBooks' older documentation lists a separate 6080 "No Name Provided" for this, but current answers use
 * the required-parameter code, which is what clients handle.
 */
function displayName(record: Json): string {
  const given = record.DisplayName;
  if (typeof given === "string" && given.trim() !== "") return given.trim();
  const parts = PERSON_NAME.map((f) => record[f]).filter((v): v is string => typeof v === "string" && v.trim() !== "");
  if (parts.length) return parts.map((p) => p.trim()).join(" ");
  if (typeof record.CompanyName === "string" && record.CompanyName.trim() !== "") return record.CompanyName.trim();
  throw faults.requiredParam("DisplayName");
}

/** A party's currency is fixed once set; foreign ones need multicurrency. */
function partyCurrency(ctx: RealmContext, record: Json, previous: EntityRecord | undefined): void {
  const previousCode = (previous?.CurrencyRef as { value?: string } | undefined)?.value;
  const given = (record.CurrencyRef as { value?: unknown } | undefined)?.value;
  const code = typeof given === "string" ? given.toUpperCase() : previousCode ?? homeCurrency(ctx);
  if (!isKnownCurrency(code)) throw faults.invalidReference("CurrencyRef", code);
  if (code !== homeCurrency(ctx) && !ctx.realm.multicurrency) {
    throw faults.businessValidation(`Multicurrency is not turned on for this company. Names must use ${homeCurrency(ctx)}.`, "CurrencyRef");
  }
  if (previousCode && previousCode !== code) throw faults.businessValidation("You can't change the currency of a customer or vendor once it is set.", "CurrencyRef");
  record.CurrencyRef = currencyRef(code);
}

function commonName(record: Json): string {
  const name = displayName(record);
  record.DisplayName = name;
  if (isBlank(record.PrintOnCheckName)) record.PrintOnCheckName = name;
  record.Active = record.Active ?? true;
  return name;
}

export const customerRules: EntityRules = {
  fields: CUSTOMER_FIELDS,
  prepare(ctx, record, previous) {
    const name = commonName(record);
    placeInHierarchy(ctx, "Customer", record, name, "Job");
    partyCurrency(ctx, record, previous);
    resolveRef(ctx, record, "DefaultTaxCodeRef", "TaxCode");
    resolveRef(ctx, record, "ARAccountRef", "Account");
    record.Taxable = record.Taxable ?? ctx.realm.country === "US";
    record.BillWithParent = record.BillWithParent ?? false;
    record.PreferredDeliveryMethod = record.PreferredDeliveryMethod ?? "Print";
    record.IsProject = record.IsProject ?? false;
    // Balances are QuickBooks' own figures, never the client's.
    const balance = previous ? customerBalance(ctx, previous.Id) : 0;
    record.Balance = centsToAmount(balance);
    record.BalanceWithJobs = previous?.BalanceWithJobs ?? centsToAmount(balance);
    return record as EntityRecord;
  },
  afterSave(ctx, saved, previous) {
    if (previous && previous.FullyQualifiedName !== saved.FullyQualifiedName) renameChildren(ctx, "Customer", saved);
    refreshCustomerJobs(ctx, saved.Id);
    // A job moved to another parent leaves its old parent's BalanceWithJobs too.
    const oldParent = refValue(previous?.ParentRef);
    if (oldParent && oldParent !== refValue(saved.ParentRef)) refreshCustomerJobs(ctx, oldParent);
  },
};

export const vendorRules: EntityRules = {
  fields: VENDOR_FIELDS,
  prepare(ctx, record, previous) {
    commonName(record);
    partyCurrency(ctx, record, previous);
    resolveRef(ctx, record, "APAccountRef", "Account");
    record.Vendor1099 = record.Vendor1099 ?? false;
    record.Balance = centsToAmount(previous ? vendorBalance(ctx, previous.Id) : 0);
    return record as EntityRecord;
  },
};

export const employeeRules: EntityRules = {
  fields: EMPLOYEE_FIELDS,
  prepare(ctx, record) {
    commonName(record);
    record.BillableTime = record.BillableTime ?? false;
    return record as EntityRecord;
  },
};
