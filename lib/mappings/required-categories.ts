import { db } from "../db";
import { SOURCE_NAMES, sourceCategories, taxCategories, type CategoryDef, type SourceKind } from "./catalogue";
import { findMappingConnection, type MappingCtx } from "./context";
import { COMPANY_ROW } from "./refresh-reference-data";
import { revenueCategoryDef, revenueCategoryKey } from "./revenue-categories";

// The categories the workspace's connected sources need, per source kind, plus the tax codes its events call
// for (what activation checks and what the page lists), and the product categories its events' lines carry.

export type SourceCategories = { kind: SourceKind; label: string; connections: { id: string; name: string }[]; categories: CategoryDef[] };
/**
 * `revenue`: a row per product category seen on the lines of the workspace's recent events, with the sources
 * that sent it. Optional, so never part of what activation requires.
 */
export type RequiredCategories = { sources: SourceCategories[]; tax: CategoryDef[]; revenue: CategoryDef[]; country: string };

const KINDS: SourceKind[] = ["STRIPE", "SHOPIFY", "API"];
/** Enough recent events to see every jurisdiction a shop sells into, few enough to stay one cheap query. */
const RECENT_EVENTS = 1000;

export async function requiredCategories(ctx: MappingCtx, input: { qboConnectionId?: string }): Promise<RequiredCategories> {
  const connection = await findMappingConnection(ctx, input);
  const [sources, company, jurisdictions, revenue] = await Promise.all([
    db.sourceConnection.findMany({ where: { workspaceId: ctx.tenantId, status: { not: "DISCONNECTED" } }, orderBy: { createdAt: "asc" }, select: { id: true, name: true, kind: true } }),
    db.qboReferenceRow.findUnique({ where: { qboConnectionId_entity_qboId: { qboConnectionId: connection.id, ...COMPANY_ROW } }, select: { name: true } }),
    seenJurisdictions(ctx.tenantId),
    seenRevenueCategories(ctx.tenantId),
  ]);
  const country = company?.name ?? "US";
  return {
    sources: KINDS.filter((kind) => sources.some((s) => s.kind === kind)).map((kind) => ({
      kind,
      label: SOURCE_NAMES[kind],
      connections: sources.filter((s) => s.kind === kind).map(({ id, name }) => ({ id, name })),
      categories: sourceCategories(kind, connection),
    })),
    tax: taxCategories(country, jurisdictions),
    revenue,
    country,
  };
}

/** Every tax jurisdiction named in the workspace's recent canonical events ("GB", "US-NY"), sorted. */
async function seenJurisdictions(workspaceId: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ j: string }[]>`
    SELECT DISTINCT j #>> '{}' AS j
    FROM (SELECT data FROM "CanonicalEvent" WHERE "workspaceId" = ${workspaceId} ORDER BY "occurredAt" DESC LIMIT ${RECENT_EVENTS}) e,
         jsonb_path_query(e.data, 'lax $.**.jurisdiction') j
    WHERE jsonb_typeof(j) = 'string'`;
  return rows.map((r) => r.j).sort();
}

/** Every product category on the lines of the workspace's recent events, as the ledger keys it, by name. */
async function seenRevenueCategories(workspaceId: string): Promise<CategoryDef[]> {
  const rows = await db.$queryRaw<{ source: string; category: string }[]>`
    SELECT DISTINCT e.data ->> 'source' AS source, c #>> '{}' AS category
    FROM (SELECT data FROM "CanonicalEvent" WHERE "workspaceId" = ${workspaceId} ORDER BY "occurredAt" DESC LIMIT ${RECENT_EVENTS}) e,
         jsonb_path_query(e.data, 'lax $.lines[*].category') c
    WHERE jsonb_typeof(c) = 'string'`;
  const seen = new Map<string, Set<SourceKind>>();
  for (const row of rows) {
    const key = revenueCategoryKey(row.category);
    if (!key) continue;
    const kinds = seen.get(key) ?? new Set<SourceKind>();
    if ((KINDS as string[]).includes(row.source)) kinds.add(row.source as SourceKind);
    seen.set(key, kinds);
  }
  return [...seen]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, kinds]) => revenueCategoryDef(key, KINDS.filter((k) => kinds.has(k))));
}

/** Every category of `required`, once (sources share revenue, fees ...). */
export function allCategories(required: RequiredCategories): CategoryDef[] {
  const seen = new Map<string, CategoryDef>();
  for (const def of [...required.sources.flatMap((s) => s.categories), ...required.tax]) {
    const before = seen.get(def.key);
    // Required for one source is required: the shared entry must be mapped before any of them can post.
    seen.set(def.key, before ? { ...before, required: before.required || def.required } : def);
  }
  return [...seen.values()];
}
