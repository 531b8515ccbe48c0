import { db } from "../db";
import { AppError } from "../errors/app-error";
import { ROLE_FITS, type CategoryDef } from "./catalogue";
import { choicesFor, type Choice } from "./choices";
import { checkVersion, versionCategories } from "./check-version";
import { findMappingConnection, type MappingCtx } from "./context";
import type { MappingDiff } from "./diff-mapping";
import { listReferenceData } from "./list-reference-data";
import { allCategories, requiredCategories } from "./required-categories";
import { isRevenueCategoryKey, revenueCategoryDef } from "./revenue-categories";
import { RECEIVABLE, readSettings, type MappingSettings } from "./settings";

// Everything the mapping page shows, in one read: the connection, the categories per source with the accounts
// that fit each, the revenue categories seen in recent events, every version with its author, settings and diff,
// which one is active and the latest draft.

export type CategoryView = Omit<CategoryDef, "suggest" | "avoid"> & { choices: Choice[] };
export type VersionView = {
  id: string;
  version: number;
  status: "DRAFT" | "ACTIVE" | "RETIRED";
  note: string | null;
  author: { name: string | null; email: string } | null;
  createdAt: string;
  activatedAt: string | null;
  diff: MappingDiff | null;
  settings: MappingSettings;
  entries: Record<string, { qboAccountId?: string; qboItemId?: string; qboTaxCodeId?: string }>;
  /** Required categories this version leaves unmapped (keys). */
  unmapped: string[];
};
export type MappingState =
  | { connected: false }
  | {
      connected: true;
      connection: { id: string; companyName: string; homeCurrency: string; multicurrencyEnabled: boolean; status: string };
      country: string;
      referenceRefreshedAt: string | null;
      sources: { kind: string; label: string; connections: { id: string; name: string }[]; categories: CategoryView[] }[];
      tax: CategoryView[];
      /** Revenue by product category: those seen in recent events, then those the latest version maps but that were not seen. */
      revenue: CategoryView[];
      /** Items a revenue category typed in by name may map to (every item posting to income). */
      revenueItems: Choice[];
      /** The A/R account refunds booked as credit memos need (shown while that setting is chosen). */
      receivable: CategoryView;
      /** Income accounts a new item may post to ("Create item in QuickBooks"). */
      incomeAccounts: Choice[];
      versions: VersionView[];
      activeVersionId: string | null;
      latestDraftId: string | null;
    };

function view(def: CategoryDef, rows: Parameters<typeof choicesFor>[1]): CategoryView {
  const { suggest: _suggest, avoid: _avoid, ...rest } = def;
  return { ...rest, choices: choicesFor(def, rows) };
}

export async function getMappingState(ctx: MappingCtx, input: { qboConnectionId?: string } = {}): Promise<MappingState> {
  const connection = await findMappingConnection(ctx, input).catch((error: unknown) => {
    if (error instanceof AppError && error.details?.reason === "NO_QBO_CONNECTION") return null;
    throw error;
  });
  if (!connection) return { connected: false };
  const [reference, required, versions] = await Promise.all([
    listReferenceData(ctx, { qboConnectionId: connection.id }),
    requiredCategories(ctx, { qboConnectionId: connection.id }),
    db.mappingVersion.findMany({
      where: { qboConnectionId: connection.id, workspaceId: ctx.tenantId },
      orderBy: { version: "desc" },
      include: { rules: true, createdBy: { select: { name: true, email: true } } },
    }),
  ]);
  const categories = allCategories(required);
  const latestRevenueKeys = (versions[0]?.rules ?? []).map((r) => r.category).filter(isRevenueCategoryKey);
  const revenue = [...required.revenue, ...latestRevenueKeys.filter((k) => !required.revenue.some((d) => d.key === k)).sort().map((k) => revenueCategoryDef(k, []))];
  return {
    connected: true,
    connection: { id: connection.id, companyName: connection.companyName, homeCurrency: connection.homeCurrency, multicurrencyEnabled: connection.multicurrencyEnabled, status: connection.status },
    country: reference.country,
    referenceRefreshedAt: reference.refreshedAt?.toISOString() ?? null,
    sources: required.sources.map((s) => ({ ...s, categories: s.categories.map((d) => view(categories.find((c) => c.key === d.key) ?? d, reference.rows)) })),
    tax: required.tax.map((d) => view(d, reference.rows)),
    revenue: revenue.map((d) => view(d, reference.rows)),
    revenueItems: choicesFor(revenueCategoryDef("revenue:category:any", []), reference.rows).map((c) => ({ ...c, suggested: false })),
    receivable: view(RECEIVABLE, reference.rows),
    incomeAccounts: choicesFor({ key: "income", label: "Income", help: "", use: "account", fits: ROLE_FITS.income, required: false, suggest: ["Sales of Product Income", "Sales", "Services"] }, reference.rows),
    versions: versions.map((v) => ({
      id: v.id,
      version: v.version,
      status: v.status,
      note: v.note,
      author: v.createdBy,
      createdAt: v.createdAt.toISOString(),
      activatedAt: v.activatedAt?.toISOString() ?? null,
      diff: (v.diff as MappingDiff | null) ?? null,
      settings: readSettings(v.settings),
      entries: Object.fromEntries(
        v.rules.map((r) => [r.category, { ...(r.qboAccountId && !r.qboItemId ? { qboAccountId: r.qboAccountId } : {}), ...(r.qboItemId ? { qboItemId: r.qboItemId } : {}), ...(r.qboTaxCodeId ? { qboTaxCodeId: r.qboTaxCodeId } : {}) }]),
      ),
      unmapped: checkVersion(versionCategories(categories, v), v.rules, reference.rows).unmapped.map((d) => d.key),
    })),
    activeVersionId: versions.find((v) => v.status === "ACTIVE")?.id ?? null,
    latestDraftId: versions.find((v) => v.status === "DRAFT")?.id ?? null,
  };
}
