// Budget: a name list of yearly (or other period) amounts per account, for reports. QuickBooks serves it to
// read and query; the simulator also takes creates and updates so a company can have one to read.
import type { EntityRecord } from "../../state";
import { faults } from "../faults";
import { checkDate, isBlank, isObject, requireFields } from "./common";
import { requiredAmount } from "./lines";
import { requireRef, resolveRef } from "./refs";
import type { EntityRules } from "./types";

const BUDGET_TYPES = ["ProfitAndLoss", "BalanceSheet"];
const ENTRY_TYPES = ["Monthly", "Quarterly", "Annually"];

export const budgetRules: EntityRules = {
  fields: ["Name", "StartDate", "EndDate", "BudgetType", "BudgetEntryType", "BudgetDetail", "Active"],
  required: ["Name", "StartDate", "EndDate"],
  prepare(ctx, record) {
    requireFields(record, ["Name", "StartDate", "EndDate"]);
    record.Name = String(record.Name).trim();
    const start = checkDate(record.StartDate, "StartDate");
    const end = checkDate(record.EndDate, "EndDate");
    if (end < start) throw faults.businessValidation("A budget's EndDate can't be before its StartDate.", "EndDate");
    record.BudgetType = isBlank(record.BudgetType) ? "ProfitAndLoss" : String(record.BudgetType);
    if (!BUDGET_TYPES.includes(String(record.BudgetType))) throw faults.invalidValue("BudgetType", `Invalid BudgetType: ${String(record.BudgetType)}`);
    record.BudgetEntryType = isBlank(record.BudgetEntryType) ? "Monthly" : String(record.BudgetEntryType);
    if (!ENTRY_TYPES.includes(String(record.BudgetEntryType))) throw faults.invalidValue("BudgetEntryType", `Invalid BudgetEntryType: ${String(record.BudgetEntryType)}`);
    const details = Array.isArray(record.BudgetDetail) ? record.BudgetDetail : [];
    record.BudgetDetail = details.map((raw) => {
      if (!isObject(raw)) throw faults.invalidValue("BudgetDetail", "BudgetDetail must be an array of objects");
      const detail = { ...raw };
      const date = checkDate(detail.BudgetDate, "BudgetDetail.BudgetDate");
      if (date < start || date > end) throw faults.businessValidation(`BudgetDate ${date} is outside the budget's dates.`, "BudgetDetail.BudgetDate");
      requiredAmount(detail, "BudgetDetail.Amount");
      requireRef(ctx, detail, "AccountRef", "Account", "BudgetDetail.AccountRef");
      resolveRef(ctx, detail, "CustomerRef", "Customer", "BudgetDetail.CustomerRef");
      resolveRef(ctx, detail, "ClassRef", "Class", "BudgetDetail.ClassRef");
      resolveRef(ctx, detail, "DepartmentRef", "Department", "BudgetDetail.DepartmentRef");
      return detail;
    });
    record.Active = record.Active ?? true;
    return record as EntityRecord;
  },
};
