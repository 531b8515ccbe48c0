import type { CategoryDef } from "./catalogue";
import { misfit, type ReferenceRow } from "./choices";
import { isRevenueCategoryKey, revenueCategoryDef } from "./revenue-categories";
import { readSettings, settingsCategories } from "./settings";

type Rule = { category: string; qboAccountId: string | null; qboItemId: string | null; qboTaxCodeId: string | null };

export type VersionCheck = { unmapped: CategoryDef[]; misfits: { category: string; message: string }[] };

const ENTITY = { account: "Account", item: "Item", taxCode: "TaxCode" } as const;

/** Which required categories a version leaves unmapped, and which mapped ones point at something unfitting. */
export function checkVersion(categories: readonly CategoryDef[], rules: readonly Rule[], rows: readonly ReferenceRow[]): VersionCheck {
  const result: VersionCheck = { unmapped: [], misfits: [] };
  for (const def of categories) {
    const rule = rules.find((r) => r.category === def.key);
    const id = rule ? (def.use === "item" ? rule.qboItemId : def.use === "taxCode" ? rule.qboTaxCodeId : rule.qboAccountId) : null;
    if (!id) {
      if (def.required) result.unmapped.push(def);
      continue;
    }
    const problem = misfit(def, rows.find((r) => r.entity === ENTITY[def.use] && r.qboId === id));
    if (problem) result.misfits.push({ category: def.key, message: problem });
  }
  return result;
}

/**
 * Every category a version is checked against: the sources' and the tax ones, those its settings add (the A/R
 * account for credit-memo refunds), and each revenue category it maps (optional, but a mapped one must fit).
 */
export function versionCategories(base: readonly CategoryDef[], version: { rules: readonly { category: string }[]; settings: unknown }): CategoryDef[] {
  const list = [...base, ...settingsCategories(readSettings(version.settings))];
  for (const rule of version.rules) {
    if (isRevenueCategoryKey(rule.category) && !list.some((d) => d.key === rule.category)) list.push(revenueCategoryDef(rule.category, []));
  }
  return list;
}

/** The sentence activation answers with: every unmapped category by name, then every misfit. */
export function describeCheck(check: VersionCheck): string {
  const parts: string[] = [];
  if (check.unmapped.length > 0) {
    const names = check.unmapped.map((d) => `${d.label} (${d.key})`);
    parts.push(`This version cannot be activated: ${names.length === 1 ? "one category is" : `${names.length} categories are`} still unmapped: ${names.join(", ")}.`);
  }
  if (check.misfits.length > 0) parts.push(`${parts.length === 0 ? "This version cannot be activated: " : ""}${check.misfits.map((m) => m.message).join(" ")}`);
  return parts.join(" ");
}
