import { diffSettings, type MappingSettings, type SettingChange } from "./settings";

// What changed between two versions of a mapping, by category and setting: shown in the version history and audited.

export type StoredRule = { category: string; qboAccountId: string | null; qboAccountName: string | null; qboItemId: string | null; qboTaxCodeId: string | null; itemName?: string | null };

export type MappingDiff = {
  added: { category: string; to: string }[];
  changed: { category: string; from: string; to: string }[];
  removed: { category: string; from: string }[];
  /** How sales or refunds are booked. Absent from the diffs of versions saved before settings were. */
  settings?: SettingChange[];
};

function target(rule: StoredRule): string {
  if (rule.qboItemId) return rule.itemName ? `item ${rule.itemName}` : `item ${rule.qboItemId}`;
  if (rule.qboTaxCodeId) return `tax code ${rule.qboTaxCodeId}`;
  return rule.qboAccountName ?? `account ${rule.qboAccountId ?? "?"}`;
}

function same(a: StoredRule, b: StoredRule): boolean {
  return a.qboAccountId === b.qboAccountId && a.qboItemId === b.qboItemId && a.qboTaxCodeId === b.qboTaxCodeId;
}

/** `settings`: the version before's (the defaults for a first version) and this one's. */
export function diffMapping(before: readonly StoredRule[], after: readonly StoredRule[], settings: { before: MappingSettings; after: MappingSettings }): MappingDiff {
  const old = new Map(before.map((r) => [r.category, r]));
  const next = new Map(after.map((r) => [r.category, r]));
  const diff: MappingDiff = { added: [], changed: [], removed: [], settings: diffSettings(settings.before, settings.after) };
  for (const [category, rule] of [...next].sort(([a], [b]) => a.localeCompare(b))) {
    const was = old.get(category);
    if (!was) diff.added.push({ category, to: target(rule) });
    else if (!same(was, rule)) diff.changed.push({ category, from: target(was), to: target(rule) });
  }
  for (const [category, rule] of [...old].sort(([a], [b]) => a.localeCompare(b))) if (!next.has(category)) diff.removed.push({ category, from: target(rule) });
  return diff;
}
