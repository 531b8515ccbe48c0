// Low-level reads and writes of one realm's records: Id sequences, SyncToken and MetaData bookkeeping, and
// the change log that CDC and webhooks read. Validation lives in rules/, request handling in crud.ts.
import { formatQboTime } from "../clock";
import type { ChangeOperation, EntityRecord } from "../state";
import type { RealmContext } from "./context";
import type { EntityDef } from "./entities";
import { reindexPerson } from "./name-index";

/** CDC looks back at most 30 days; the log keeps a day more so a boundary query still finds its rows. */
const CHANGE_LOG_MS = 31 * 24 * 3600_000;

export function nextId(ctx: RealmContext, def: EntityDef): string {
  const key = def.kind === "transaction" ? "__transactions" : def.name;
  const next = (ctx.realm.sequences[key] ?? 0) + 1;
  ctx.realm.sequences[key] = next;
  return String(next);
}

export function records(ctx: RealmContext, entity: string): Record<string, EntityRecord> {
  return (ctx.realm.entities[entity] ??= {});
}

export function findRecord(ctx: RealmContext, entity: string, id: string): EntityRecord | undefined {
  return ctx.realm.entities[entity]?.[id];
}

export function nowStamp(ctx: RealmContext): string {
  return formatQboTime(ctx.clock.now(), ctx.realm.offsetMinutes);
}

export function responseTime(ctx: RealmContext): string {
  return formatQboTime(ctx.clock.now(), ctx.realm.offsetMinutes, true);
}

/** Stores a new or changed record, bumping SyncToken and MetaData, and logs the change. */
export function saveRecord(ctx: RealmContext, def: EntityDef, record: EntityRecord, operation: ChangeOperation): EntityRecord {
  const stamp = nowStamp(ctx);
  const previous = findRecord(ctx, def.name, record.Id);
  const saved: EntityRecord = {
    ...record,
    SyncToken: previous ? String(Number(previous.SyncToken) + 1) : "0",
    MetaData: { ...record.MetaData, CreateTime: previous?.MetaData.CreateTime ?? stamp, LastUpdatedTime: stamp },
  };
  records(ctx, def.name)[saved.Id] = saved;
  reindexPerson(ctx.realm, def.name, previous, saved);
  logChange(ctx, def, saved.Id, operation);
  return saved;
}

export function removeRecord(ctx: RealmContext, def: EntityDef, record: EntityRecord): void {
  delete records(ctx, def.name)[record.Id];
  reindexPerson(ctx.realm, def.name, record, undefined);
  (ctx.realm.deleted[def.name] ??= {})[record.Id] = { at: ctx.clock.now(), record };
  logChange(ctx, def, record.Id, "Delete");
}

export function logChange(ctx: RealmContext, def: EntityDef, id: string, operation: ChangeOperation, deletedId?: string): void {
  const at = ctx.clock.now();
  const change = { entity: def.name, id, operation, at, ...(deletedId ? { deletedId } : {}) };
  const log = ctx.realm.changes;
  log.push(change);
  if (log.length > 0 && log[0]!.at < at - CHANGE_LOG_MS) {
    const firstKept = log.findIndex((c) => c.at >= at - CHANGE_LOG_MS);
    log.splice(0, firstKept);
  }
  if (def.cdc) ctx.notify(ctx.realm.realmId, change);
}
