// Reference data (accounts, items, tax codes, classes, departments, currencies) cached per company. Every
// posting needs these lists, and since 2025 Intuit meters every read, so reading them once per 15 minutes
// instead of once per posting is most of the product's read budget.
//
// The cache lives in this process's memory only. Another process (another server instance, a job worker)
// has its own copy, and a webhook that invalidates here does not reach it: the TTL is what bounds how stale
// any process can be. Callers that need certainty (e.g. after a 2500 "invalid reference" fault) invalidate
// and read again.
import { invalidArgument } from "./qbo-error";
import type { EntityOf } from "./schemas";
import type { QboClient } from "./types";

export const REFERENCE_ENTITIES = ["Account", "Item", "TaxCode", "Class", "Department", "Currency"] as const;
export type ReferenceEntity = (typeof REFERENCE_ENTITIES)[number];

/** For webhook handlers, which receive entity names as plain strings. */
export function isReferenceEntity(name: string): name is ReferenceEntity {
  return (REFERENCE_ENTITIES as readonly string[]).includes(name);
}

export const REFERENCE_TTL_MS = 15 * 60_000;

/** Name lists hide inactive records unless asked: a mapping may still point at one, so include them. */
const ALL_RECORDS = "Active IN (true,false)";

type Entry = { rows: Promise<readonly unknown[]>; expiresAt: number };

const cache = new Map<string, Map<ReferenceEntity, Entry>>();

export type ReferenceDataOptions = { ttlMs?: number; now?: () => number };

export type ReferenceData = {
  list<E extends ReferenceEntity>(entity: E): Promise<readonly EntityOf<E>[]>;
  accounts(): Promise<readonly EntityOf<"Account">[]>;
  items(): Promise<readonly EntityOf<"Item">[]>;
  taxCodes(): Promise<readonly EntityOf<"TaxCode">[]>;
  classes(): Promise<readonly EntityOf<"Class">[]>;
  departments(): Promise<readonly EntityOf<"Department">[]>;
  currencies(): Promise<readonly EntityOf<"Currency">[]>;
};

function realmEntries(realmId: string): Map<ReferenceEntity, Entry> {
  let entries = cache.get(realmId);
  if (!entries) {
    entries = new Map();
    cache.set(realmId, entries);
  }
  return entries;
}

function load<E extends ReferenceEntity>(client: QboClient, realmId: string, entity: E, ttlMs: number, now: () => number): Promise<readonly EntityOf<E>[]> {
  const entries = realmEntries(realmId);
  const cached = entries.get(entity);
  if (cached && cached.expiresAt > now()) return cached.rows as Promise<readonly EntityOf<E>[]>;

  // Stored before it settles, so concurrent callers share this one fetch instead of each reading the list.
  const entry: Entry = { rows: client.queryAll(entity, { where: ALL_RECORDS }), expiresAt: Number.POSITIVE_INFINITY };
  entries.set(entity, entry);
  entry.rows.then(
    () => {
      entry.expiresAt = now() + ttlMs;
    },
    () => {
      // A failed read is not cached; an entry invalidated meanwhile is someone else's to replace.
      if (entries.get(entity) === entry) entries.delete(entity);
    },
  );
  return entry.rows as Promise<readonly EntityOf<E>[]>;
}

export function referenceData(client: QboClient, realmId: string, options: ReferenceDataOptions = {}): ReferenceData {
  // The cache is keyed by realm: a client for another company would file its lists under the wrong one.
  if (client.realmId !== realmId) throw invalidArgument("The client belongs to another QuickBooks company than realmId", "realmId");
  const ttlMs = options.ttlMs ?? REFERENCE_TTL_MS;
  const now = options.now ?? Date.now;
  const list = <E extends ReferenceEntity>(entity: E) => load(client, realmId, entity, ttlMs, now);
  return {
    list,
    accounts: () => list("Account"),
    items: () => list("Item"),
    taxCodes: () => list("TaxCode"),
    classes: () => list("Class"),
    departments: () => list("Department"),
    currencies: () => list("Currency"),
  };
}

/** Forget a company's cached lists (one entity, or all): call when a webhook or CDC says they changed. */
export function invalidateReferenceData(realmId: string, entity?: ReferenceEntity): void {
  if (entity === undefined) cache.delete(realmId);
  else cache.get(realmId)?.delete(entity);
}
