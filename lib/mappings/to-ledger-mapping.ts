import { QboAccountTypeSchema, type Mapping, type MappingEntry } from "../ledger";
import { readSettings } from "./settings";

type Rule = {
  category: string;
  qboAccountId: string | null;
  qboAccountName: string | null;
  qboAccountType: string | null;
  qboItemId: string | null;
  qboTaxCodeId: string | null;
  qboClassId: string | null;
  qboDepartmentId: string | null;
};

/**
 * A stored mapping version as lib/ledger reads it: its rules and its settings (how sales and refunds are booked).
 * An account type QuickBooks added later is left unknown.
 */
export function toLedgerMapping(version: { rules: readonly Rule[]; settings: unknown }): Mapping {
  const entries: Record<string, MappingEntry> = {};
  for (const rule of version.rules) {
    const type = QboAccountTypeSchema.safeParse(rule.qboAccountType);
    entries[rule.category] = {
      ...(rule.qboAccountId ? { qboAccountId: rule.qboAccountId } : {}),
      ...(rule.qboAccountName ? { qboAccountName: rule.qboAccountName } : {}),
      ...(type.success ? { accountType: type.data } : {}),
      ...(rule.qboItemId ? { qboItemId: rule.qboItemId } : {}),
      ...(rule.qboTaxCodeId ? { qboTaxCodeId: rule.qboTaxCodeId } : {}),
      ...(rule.qboClassId ? { qboClassId: rule.qboClassId } : {}),
      ...(rule.qboDepartmentId ? { qboDepartmentId: rule.qboDepartmentId } : {}),
    };
  }
  return { entries, settings: readSettings(version.settings) };
}
