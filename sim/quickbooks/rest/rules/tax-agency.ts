// TaxAgency: who a tax rate's tax is owed to (TaxRate.AgencyRef). QuickBooks lets the API read and query the
// agencies and create one with a DisplayName (it then tracks sales tax by default); changing one is done in
// the product, not the API.
import type { EntityRecord } from "../../state";
import { requireFields } from "./common";
import type { EntityRules } from "./types";

export const taxAgencyRules: EntityRules = {
  fields: ["DisplayName", "TaxTrackedOnSales", "TaxTrackedOnPurchases", "TaxRegistrationNumber", "ReportingPeriod", "LastFileDate", "TaxAgencyConfig", "Active"],
  required: ["DisplayName"],
  prepare(_ctx, record) {
    requireFields(record, ["DisplayName"]);
    record.DisplayName = String(record.DisplayName).trim();
    record.TaxTrackedOnSales = record.TaxTrackedOnSales ?? true;
    record.TaxTrackedOnPurchases = record.TaxTrackedOnPurchases ?? false;
    record.TaxAgencyConfig = record.TaxAgencyConfig ?? "USER_DEFINED";
    return record as EntityRecord;
  },
};
