import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { AppError } from "../errors/app-error";
import { authorOf, findMappingConnection, mappingAudit, type MappingCtx } from "./context";
import { diffMapping, type MappingDiff, type StoredRule } from "./diff-mapping";
import { findCategoryDef, type CategoryUse } from "./catalogue";
import { isRevenueCategoryKey } from "./revenue-categories";
import { SaveMappingVersionSchema, type MappingChoice, type SaveMappingVersion } from "./schemas";
import { DEFAULT_SETTINGS, RECEIVABLE, readSettings, type MappingSettings } from "./settings";

// Each save is a new DRAFT version with its rows, its author and what changed against the latest version. The
// names and types of the chosen accounts come from the cached reference data, never from the body, so what
// the ledger later checks is what QuickBooks said. Settings the body leaves out are carried over from the
// latest version (the defaults for a first one), so a caller that only knows entries does not reset them.

export type SavedVersion = { id: string; version: number; settings: MappingSettings; diff: MappingDiff };

export async function saveMappingVersion(ctx: MappingCtx, input: SaveMappingVersion): Promise<SavedVersion> {
  const { qboConnectionId, note, entries, settings: chosen } = SaveMappingVersionSchema.parse(input);
  refuseWrongKinds(entries);
  const connection = await findMappingConnection(ctx, { qboConnectionId, edit: true });
  const cached = await db.qboReferenceRow.findMany({ where: { qboConnectionId: connection.id, entity: { in: ["Account", "Item", "TaxCode"] } } });
  const find = (entity: string, id: string) => cached.find((r) => r.entity === entity && r.qboId === id);

  const rules: (StoredRule & { qboAccountType: string | null })[] = [];
  const unknown: string[] = [];
  for (const [category, choice] of Object.entries(entries).sort(([a], [b]) => a.localeCompare(b))) {
    if (choice.qboItemId) {
      const item = find("Item", choice.qboItemId);
      if (!item) unknown.push(category);
      const income = item?.incomeAccountId ? find("Account", item.incomeAccountId) : undefined;
      rules.push({ category, qboItemId: choice.qboItemId, itemName: item?.name ?? null, qboAccountId: item?.incomeAccountId ?? null, qboAccountName: income?.name ?? null, qboAccountType: item?.accountType ?? null, qboTaxCodeId: choice.qboTaxCodeId ?? null });
    } else if (choice.qboAccountId) {
      const account = find("Account", choice.qboAccountId);
      if (!account) unknown.push(category);
      rules.push({ category, qboItemId: null, qboAccountId: choice.qboAccountId, qboAccountName: account?.name ?? null, qboAccountType: account?.accountType ?? null, qboTaxCodeId: choice.qboTaxCodeId ?? null });
    } else if (choice.qboTaxCodeId) {
      if (!find("TaxCode", choice.qboTaxCodeId)) unknown.push(category);
      rules.push({ category, qboItemId: null, qboAccountId: null, qboAccountName: null, qboAccountType: null, qboTaxCodeId: choice.qboTaxCodeId });
    }
  }
  if (unknown.length > 0) {
    throw new AppError("VALIDATION_FAILED", `QuickBooks does not list what was chosen for ${unknown.join(", ")}; refresh the accounts and choose again.`, { categories: unknown });
  }

  return db.$transaction(async (tx) => {
    // Two saves at once queue here, so version numbers stay contiguous and each diff is against its true predecessor.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`mapping:${connection.id}`}))`;
    const latest = await tx.mappingVersion.findFirst({ where: { qboConnectionId: connection.id, workspaceId: ctx.tenantId }, orderBy: { version: "desc" }, include: { rules: true } });
    const previous = latest ? await withItemNames(tx, connection.id, latest.rules) : [];
    const before = latest ? readSettings(latest.settings) : DEFAULT_SETTINGS;
    const settings = { ...before, ...chosen };
    const diff = diffMapping(previous, rules, { before, after: settings });
    const created = await tx.mappingVersion.create({
      data: {
        workspaceId: ctx.tenantId,
        qboConnectionId: connection.id,
        version: (latest?.version ?? 0) + 1,
        status: "DRAFT",
        note: note || null,
        createdById: authorOf(ctx),
        diff,
        settings,
        rules: { create: rules.map(({ itemName: _itemName, ...rule }) => rule) },
      },
      select: { id: true, version: true },
    });
    await recordAudit(tx, {
      ...mappingAudit(ctx),
      action: "mapping.version.saved",
      target: { type: "MappingVersion", id: created.id },
      after: { version: created.version, qboConnectionId: connection.id, settings, diff },
    });
    return { ...created, settings, diff };
  });
}

const NOUN: Record<CategoryUse, string> = { account: "an account", item: "a product or service item", taxCode: "a tax code" };

function useOf(category: string): CategoryUse | undefined {
  if (isRevenueCategoryKey(category)) return "item";
  if (category === RECEIVABLE.key) return RECEIVABLE.use;
  return findCategoryDef(category)?.use;
}

/**
 * A category the ledger reads as an item but mapped to an account (or the reverse) would not fall back to the
 * next category: the ledger takes the first one present, so it would stop every posting that uses it.
 */
function refuseWrongKinds(entries: Record<string, MappingChoice>): void {
  const wrong = Object.entries(entries).flatMap(([category, choice]) => {
    const use = useOf(category);
    const given: CategoryUse | undefined = choice.qboItemId ? "item" : choice.qboAccountId ? "account" : choice.qboTaxCodeId ? "taxCode" : undefined;
    return use && given && use !== given && !(use === "taxCode" && choice.qboTaxCodeId) ? [{ path: `entries.${category}`, message: `${category} takes ${NOUN[use]}.` }] : [];
  });
  if (wrong.length > 0) throw new AppError("VALIDATION_FAILED", wrong.map((w) => w.message).join(" "), { errors: wrong });
}

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

async function withItemNames(tx: Tx, qboConnectionId: string, rules: StoredRule[]): Promise<StoredRule[]> {
  const ids = rules.flatMap((r) => (r.qboItemId ? [r.qboItemId] : []));
  if (ids.length === 0) return rules;
  const items = await tx.qboReferenceRow.findMany({ where: { qboConnectionId, entity: "Item", qboId: { in: ids } }, select: { qboId: true, name: true } });
  return rules.map((r) => ({ ...r, itemName: items.find((i) => i.qboId === r.qboItemId)?.name ?? null }));
}
