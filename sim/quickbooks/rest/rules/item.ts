// Item: Name and Type, plus the accounts its Type needs (Inventory: income, COGS expense and asset accounts
// with a starting quantity; Service and NonInventory: an income or expense account). Shapes follow the Item
// create/read/update captures.
import type { EntityRecord } from "../../state";
import type { RealmContext } from "../context";
import { faults } from "../faults";
import { INVENTORY_ASSET, INVENTORY_EXPENSE, ITEM_EXPENSE, ITEM_INCOME, checkAccountType } from "./account-roles";
import { checkDate, isBlank, requireFields, type Json } from "./common";
import { placeInHierarchy, renameChildren } from "./hierarchy";
import { decimalToNumber, parseDecimal } from "./money";
import { requireRef, resolveRef } from "./refs";
import type { EntityRules } from "./types";

const FIELDS = [
  "Name",
  "Sku",
  "Description",
  "Active",
  "SubItem",
  "ParentRef",
  "Level",
  "FullyQualifiedName",
  "Taxable",
  "SalesTaxIncluded",
  "UnitPrice",
  "RatePercent",
  "Type",
  "PaymentMethodRef",
  "UOMSetRef",
  "IncomeAccountRef",
  "PurchaseDesc",
  "PurchaseTaxIncluded",
  "PurchaseCost",
  "ExpenseAccountRef",
  "AssetAccountRef",
  "PrefVendorRef",
  "AvgCost",
  "TrackQtyOnHand",
  "QtyOnHand",
  "QtyOnPurchaseOrder",
  "QtyOnSalesOrder",
  "ReorderPoint",
  "ManPartNum",
  "DepositToAccountRef",
  "SalesTaxCodeRef",
  "PurchaseTaxCodeRef",
  "InvStartDate",
  "BuildPoint",
  "PrintGroupedItems",
  "SpecialItem",
  "SpecialItemType",
  "ItemGroupDetail",
  "ItemAssemblyDetail",
  "AbatementRate",
  "ReverseChargeRate",
  "ServiceType",
  "ItemCategoryType",
  "ItemEx",
  "TaxClassificationRef",
  "ClassRef",
  "Source",
];

const TYPES = ["Inventory", "NonInventory", "Service", "Category"];

function number(record: Json, field: string, fallback?: number): void {
  if (isBlank(record[field])) {
    if (fallback === undefined) delete record[field];
    else record[field] = fallback;
    return;
  }
  const value = parseDecimal(record[field]);
  if (value === undefined) throw faults.invalidValue(field, `Invalid number for ${field}: ${String(record[field])}`);
  record[field] = decimalToNumber(value);
}

function itemAccounts(ctx: RealmContext, record: Json, type: string): void {
  if (type === "Category") {
    for (const field of ["IncomeAccountRef", "ExpenseAccountRef", "AssetAccountRef"]) delete record[field];
    return;
  }
  if (type === "Inventory") {
    checkAccountType(requireRef(ctx, record, "IncomeAccountRef", "Account"), ITEM_INCOME, "IncomeAccountRef");
    checkAccountType(requireRef(ctx, record, "ExpenseAccountRef", "Account"), INVENTORY_EXPENSE, "ExpenseAccountRef");
    checkAccountType(requireRef(ctx, record, "AssetAccountRef", "Account"), INVENTORY_ASSET, "AssetAccountRef");
    requireFields(record, ["QtyOnHand", "InvStartDate"]);
    checkDate(record.InvStartDate, "InvStartDate");
    return;
  }
  // A service or non-inventory item is sold (income account), bought (expense account), or both.
  const income = resolveRef(ctx, record, "IncomeAccountRef", "Account");
  const expense = resolveRef(ctx, record, "ExpenseAccountRef", "Account");
  checkAccountType(income, ITEM_INCOME, "IncomeAccountRef");
  checkAccountType(expense, ITEM_EXPENSE, "ExpenseAccountRef");
  if (!income && !expense) throw faults.requiredParam("IncomeAccountRef");
  delete record.AssetAccountRef;
}

function prepareItem(ctx: RealmContext, record: Json, previous: EntityRecord | undefined): EntityRecord {
  requireFields(record, ["Name", "Type"]);
  const name = String(record.Name).trim();
  record.Name = name;
  const type = String(record.Type);
  if (!TYPES.includes(type)) throw faults.invalidValue("Type", `Invalid Type: ${type}. Expected Inventory, NonInventory, Service or Category`);
  if (previous?.Type === "Inventory" && type !== "Inventory") throw faults.businessValidation("An inventory item can't change to another type.", "Type");
  placeInHierarchy(ctx, "Item", record, name, "SubItem");
  itemAccounts(ctx, record, type);
  resolveRef(ctx, record, "PrefVendorRef", "Vendor");
  resolveRef(ctx, record, "SalesTaxCodeRef", "TaxCode");
  resolveRef(ctx, record, "PurchaseTaxCodeRef", "TaxCode");
  resolveRef(ctx, record, "ClassRef", "Class");
  record.Active = record.Active ?? true;
  if (type !== "Category") {
    record.Taxable = record.Taxable === true;
    number(record, "UnitPrice", 0);
    number(record, "PurchaseCost", 0);
    number(record, "QtyOnHand");
    record.TrackQtyOnHand = type === "Inventory";
  }
  return record as EntityRecord;
}

export const itemRules: EntityRules = {
  fields: FIELDS,
  required: ["Name", "Type"],
  prepare: prepareItem,
  afterSave(ctx, saved, previous) {
    if (previous && previous.FullyQualifiedName !== saved.FullyQualifiedName) renameChildren(ctx, "Item", saved);
  },
};
