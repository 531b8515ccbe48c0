// Account: Name plus AccountType or AccountSubType (either one implies the other, and both imply the
// Classification). CurrentBalance is QuickBooks' running figure (ledger.ts), never the client's.
import type { EntityRecord } from "../../state";
import type { RealmContext } from "../context";
import { faults } from "../faults";
import { accountTypeInfo, isBalanceSheet, typeOfSubType } from "./account-types";
import { isBlank, requireFields, type Json } from "./common";
import { currencyRef, homeCurrency, isKnownCurrency } from "./currency";
import { placeInHierarchy, renameChildren } from "./hierarchy";
import { postOpeningBalance, refreshAccountTotals } from "../books/ledger";
import { centsToAmount, toCents } from "./money";
import { lookup, resolveRef } from "./refs";
import type { EntityRules } from "./types";

const FIELDS = [
  "Name",
  "SubAccount",
  "ParentRef",
  "Level",
  "Description",
  "FullyQualifiedName",
  "AccountAlias",
  "TxnLocationType",
  "Active",
  "Classification",
  "AccountType",
  "AccountSubType",
  "AcctNum",
  "CurrentBalance",
  "CurrentBalanceWithSubAccounts",
  "CurrencyRef",
  "TaxCodeRef",
  "OpeningBalance",
  "OpeningBalanceDate",
];

/**
 * Either type is enough. With neither, 2020 on AccountType: QuickBooks' older code list has a dedicated 6010
 * ("Either an Account.AccountType or an Account.AccountSubType must be specified"); the simulator uses the
 * required-parameter code clients already handle.
 */
function accountTypes(record: Json): { type: string; subType: string } {
  const type = typeof record.AccountType === "string" && record.AccountType !== "" ? record.AccountType : undefined;
  const subType = typeof record.AccountSubType === "string" && record.AccountSubType !== "" ? record.AccountSubType : undefined;
  if (!type && !subType) throw faults.requiredParam("AccountType");
  if (type && !accountTypeInfo(type)) throw faults.invalidValue("AccountType", `Invalid AccountType: ${type}`);
  if (!type) {
    const implied = typeOfSubType(subType!);
    if (!implied) throw faults.invalidValue("AccountSubType", `Invalid AccountSubType: ${subType}`);
    return { type: implied, subType: subType! };
  }
  const info = accountTypeInfo(type)!;
  if (!subType) return { type, subType: info.defaultSubType };
  // A sub-type known under another type is a mismatch; one the table doesn't know is let through.
  const owner = typeOfSubType(subType);
  if (owner && !info.subTypes.includes(subType)) throw faults.invalidValue("AccountSubType", `AccountSubType ${subType} does not belong to AccountType ${type}`);
  return { type, subType };
}

function accountCurrency(ctx: RealmContext, record: Json, previous: EntityRecord | undefined): void {
  const previousCode = (previous?.CurrencyRef as { value?: string } | undefined)?.value;
  const given = (record.CurrencyRef as { value?: unknown } | undefined)?.value;
  const code = typeof given === "string" ? given.toUpperCase() : previousCode ?? homeCurrency(ctx);
  if (!isKnownCurrency(code)) throw faults.invalidReference("CurrencyRef", code);
  if (code !== homeCurrency(ctx) && !ctx.realm.multicurrency) throw faults.businessValidation("Multicurrency is not turned on for this company.", "CurrencyRef");
  if (previousCode && previousCode !== code) throw faults.businessValidation("You can't change the currency of an account.", "CurrencyRef");
  record.CurrencyRef = currencyRef(code);
}

function prepareAccount(ctx: RealmContext, record: Json, previous: EntityRecord | undefined): EntityRecord {
  requireFields(record, ["Name"]);
  const name = String(record.Name).trim();
  record.Name = name;
  const { type, subType } = accountTypes(record);
  record.AccountType = type;
  record.AccountSubType = subType;
  record.Classification = accountTypeInfo(type)!.classification;
  if (!isBlank(record.ParentRef)) {
    const parent = lookup(ctx, "Account", record.ParentRef, "ParentRef");
    if (parent.AccountType !== type) throw faults.businessValidation("A sub-account must have the same account type as its parent.", "ParentRef");
  }
  placeInHierarchy(ctx, "Account", record, name, "SubAccount");
  accountCurrency(ctx, record, previous);
  resolveRef(ctx, record, "TaxCodeRef", "TaxCode");
  record.Active = record.Active ?? true;
  // The running balance is the general ledger's (books/); an opening balance is posted there on create, and
  // QuickBooks does not take a new one on update.
  if (previous) {
    if (previous.OpeningBalance === undefined) delete record.OpeningBalance;
    else record.OpeningBalance = previous.OpeningBalance;
    if (previous.OpeningBalanceDate === undefined) delete record.OpeningBalanceDate;
    else record.OpeningBalanceDate = previous.OpeningBalanceDate;
  } else if (!isBlank(record.OpeningBalance)) {
    const opening = toCents(record.OpeningBalance);
    if (opening === undefined) throw faults.invalidValue("OpeningBalance", `Invalid number for OpeningBalance: ${String(record.OpeningBalance)}`);
    if (!isBalanceSheet(type)) delete record.OpeningBalance;
    else record.OpeningBalance = centsToAmount(opening);
  }
  const current = previous ? toCents(previous.CurrentBalance) ?? 0 : 0;
  record.CurrentBalance = centsToAmount(current);
  record.CurrentBalanceWithSubAccounts = previous?.CurrentBalanceWithSubAccounts ?? centsToAmount(current);
  return record as EntityRecord;
}

export const accountRules: EntityRules = {
  fields: FIELDS,
  required: ["Name"],
  prepare: prepareAccount,
  afterSave(ctx, saved, previous) {
    if (!previous) postOpeningBalance(ctx, saved);
    if (previous && previous.FullyQualifiedName !== saved.FullyQualifiedName) renameChildren(ctx, "Account", saved);
    refreshAccountTotals(ctx, [saved.Id, (previous?.ParentRef as { value?: string } | undefined)?.value]);
  },
};
