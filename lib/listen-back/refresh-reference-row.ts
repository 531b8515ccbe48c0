import { db } from "../db";
import { invalidateReferenceData, isReferenceEntity } from "../qbo/client";

// The mapping screens and the posting pipeline read the company's accounts, items and tax codes from a cache
// (QboReferenceRow, lib/mappings/refresh-reference-data.ts). When QuickBooks says one of them changed, only that
// row is replaced, from the record already read (one metered read, or none for a CDC row), instead of reading
// every list again.

export const CACHED_ENTITIES = ["Account", "Item", "TaxCode"] as const;
export type CachedEntity = (typeof CACHED_ENTITIES)[number];

export function isCachedEntity(name: string): name is CachedEntity {
  return (CACHED_ENTITIES as readonly string[]).includes(name);
}

type Connection = { id: string; realmId: string };
type Record_ = { Id: string; [key: string]: unknown };

const text = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);
const refValue = (value: unknown): string | null => (typeof value === "object" && value !== null ? text((value as { value?: unknown }).value) : null);

/** Rows are only kept once the mapping page has loaded them; until then there is nothing to refresh. */
export async function hasReferenceCache(qboConnectionId: string): Promise<boolean> {
  return (await db.qboReferenceRow.count({ where: { qboConnectionId } })) > 0;
}

/** When the cached row of this record was last written (to skip reading a change older than it). */
export async function cachedRowRefreshedAt(qboConnectionId: string, entity: CachedEntity, qboId: string): Promise<Date | null> {
  const row = await db.qboReferenceRow.findUnique({ where: { qboConnectionId_entity_qboId: { qboConnectionId, entity, qboId } }, select: { refreshedAt: true } });
  return row?.refreshedAt ?? null;
}

export async function refreshReferenceRow(connection: Connection, entity: CachedEntity, record: Record_): Promise<void> {
  const qboConnectionId = connection.id;
  const refreshedAt = new Date();
  const active = record.Active !== false;
  let fields: { name: string; accountType: string | null; accountSubType: string | null; incomeAccountId: string | null };
  if (entity === "Account") {
    fields = { name: text(record.FullyQualifiedName) ?? text(record.Name) ?? record.Id, accountType: text(record.AccountType), accountSubType: text(record.AccountSubType), incomeAccountId: null };
  } else if (entity === "Item") {
    const incomeAccountId = refValue(record.IncomeAccountRef);
    const account = incomeAccountId ? await db.qboReferenceRow.findUnique({ where: { qboConnectionId_entity_qboId: { qboConnectionId, entity: "Account", qboId: incomeAccountId } } }) : null;
    fields = { name: text(record.Name) ?? record.Id, accountType: account?.accountType ?? null, accountSubType: text(record.Type), incomeAccountId };
  } else {
    fields = { name: text(record.Name) ?? record.Id, accountType: null, accountSubType: null, incomeAccountId: null };
  }
  await db.$transaction(async (tx) => {
    await tx.qboReferenceRow.upsert({
      where: { qboConnectionId_entity_qboId: { qboConnectionId, entity, qboId: record.Id } },
      create: { qboConnectionId, entity, qboId: record.Id, ...fields, active, refreshedAt },
      update: { ...fields, active, refreshedAt },
    });
    // Items carry their income account's type, so a retyped account retypes them too.
    if (entity === "Account") await tx.qboReferenceRow.updateMany({ where: { qboConnectionId, entity: "Item", incomeAccountId: record.Id }, data: { accountType: fields.accountType } });
  });
  forget(connection, entity);
}

/** A record merged away (QuickBooks' Merge) is gone for good: keep its row, inactive, for mappings that name it. */
export async function deactivateReferenceRow(connection: Connection, entity: CachedEntity, qboId: string): Promise<void> {
  await db.qboReferenceRow.updateMany({ where: { qboConnectionId: connection.id, entity, qboId }, data: { active: false, refreshedAt: new Date() } });
  forget(connection, entity);
}

/** The in-memory lists of this process (lib/qbo/client/reference-cache.ts) are stale too. */
export function forget(connection: Connection, entity: string): void {
  if (isReferenceEntity(entity)) invalidateReferenceData(connection.realmId, entity);
}
