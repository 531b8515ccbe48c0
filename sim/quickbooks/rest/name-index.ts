// Customer, Vendor and Employee share one DisplayName namespace (6240). Companies grow to thousands of
// customers, so the check uses an index instead of scanning all three lists on every create (it was 41 % of
// the simulator's time in bench/sim). The index lives beside the state, not in it: it is rebuilt from the
// records on first use after a start or a load.
import type { EntityRecord, Realm } from "../state";
import { PEOPLE } from "./entities";

type Index = Map<string, Set<string>>;

const indexes = new WeakMap<Realm, Index>();

export function nameKey(name: string): string {
  return name.trim().toLowerCase();
}

function ref(entity: string, id: string): string {
  return `${entity}:${id}`;
}

function build(realm: Realm): Index {
  const index: Index = new Map();
  for (const entity of PEOPLE) {
    for (const record of Object.values(realm.entities[entity] ?? {})) add(index, entity, record);
  }
  indexes.set(realm, index);
  return index;
}

function add(index: Index, entity: string, record: EntityRecord): void {
  if (typeof record.DisplayName !== "string") return;
  const key = nameKey(record.DisplayName);
  const refs = index.get(key) ?? index.set(key, new Set()).get(key)!;
  refs.add(ref(entity, record.Id));
}

function remove(index: Index, entity: string, record: EntityRecord): void {
  if (typeof record.DisplayName !== "string") return;
  index.get(nameKey(record.DisplayName))?.delete(ref(entity, record.Id));
}

export function isPerson(entity: string): boolean {
  return (PEOPLE as readonly string[]).includes(entity);
}

/** Keeps the index in step with a stored, replaced or removed person record. */
export function reindexPerson(realm: Realm, entity: string, previous: EntityRecord | undefined, next: EntityRecord | undefined): void {
  const index = indexes.get(realm);
  if (!index || !isPerson(entity)) return;
  if (previous) remove(index, entity, previous);
  if (next) add(index, entity, next);
}

/** Another Customer, Vendor or Employee already named `name` (inactive ones count), if any. */
export function personNamed(realm: Realm, name: string, except: { entity: string; id: string }): EntityRecord | undefined {
  const index = indexes.get(realm) ?? build(realm);
  for (const holder of index.get(nameKey(name)) ?? []) {
    const [entity, id] = holder.split(":") as [string, string];
    if (entity === except.entity && id === except.id) continue;
    const record = realm.entities[entity]?.[id];
    // Verify against the record itself, so a stale entry can never refuse a valid name.
    if (record && typeof record.DisplayName === "string" && nameKey(record.DisplayName) === nameKey(name)) return record;
  }
  return undefined;
}
