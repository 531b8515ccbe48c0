// GET /cdc?entities=Invoice,Payment&changedSince=<ISO 8601>: every record of those entities changed at or
// after changedSince (at most 30 days back on the sim clock), read from the realm's change log. Deleted
// records come back as `{ domain, status: "Deleted", Id, MetaData: { LastUpdatedTime } }`; inactive name-list
// records are included. At most 1000 per entity and no paging, as in QuickBooks.
import { formatQboTime } from "../clock";
import type { RealmContext } from "./context";
import { entityByName, type EntityDef } from "./entities";
import { faults } from "./faults";
import { instantOf } from "./query/compare";

export const CDC_MAX_DAYS = 30;
export const CDC_MAX_PER_ENTITY = 1000;

const DAY_MS = 24 * 3600_000;

/** Change data capture; answers the `CDCResponse` array (the router adds `time`). */
export function runCdc(ctx: RealmContext, entities: string | null, changedSince: string | null): unknown[] {
  const defs = requestedEntities(entities);
  const since = sinceOf(ctx, changedSince);

  // Last change time of each changed id, per entity.
  const changed = new Map<string, Map<string, number>>(defs.map((def) => [def.name, new Map()]));
  for (const change of ctx.realm.changes) {
    if (change.at < since) continue;
    changed.get(change.entity)?.set(change.id, change.at);
  }

  const entries = defs.flatMap((def) => {
    const rows = rowsOf(ctx, def, changed.get(def.name)!);
    return rows.length === 0 ? [] : [{ [def.name]: rows, startPosition: 1, maxResults: rows.length }];
  });
  // Entities without changes are left out; when nothing changed QuickBooks answers `"QueryResponse": [{}]`
  // (an empty answer captured from QuickBooks in python-quickbooks' tests).
  return [{ QueryResponse: entries.length > 0 ? entries : [{}] }];
}

function requestedEntities(entities: string | null): EntityDef[] {
  const names = (entities ?? "").split(",").map((n) => n.trim()).filter(Boolean);
  if (names.length === 0) throw faults.requiredParam("entities");
  const defs = new Map<string, EntityDef>();
  for (const name of names) {
    const def = entityByName(name);
    if (!def) throw faults.invalidValue("entities", `Unknown entity ${name} in entities`);
    if (!def.cdc) throw faults.invalidValue("entities", `Change data capture does not support ${def.name}`);
    defs.set(def.name, def);
  }
  return [...defs.values()];
}

/** changedSince in sim milliseconds; a date or a time without an offset is read in the company's offset. */
function sinceOf(ctx: RealmContext, changedSince: string | null): number {
  if (changedSince === null || changedSince.trim() === "") throw faults.requiredParam("changedSince");
  const since = instantOf(changedSince.trim(), ctx.realm.offsetMinutes);
  // An unencoded `+` in the offset arrives as a space and is refused here, as a strict server would.
  if (since === null) throw faults.invalidValue("changedSince", `changedSince ${changedSince} is not an ISO 8601 date-time such as 2025-01-31T09:00:00-08:00`);
  const oldest = ctx.clock.now() - CDC_MAX_DAYS * DAY_MS;
  if (since < oldest) throw faults.cdcTooOld(changedSince, formatQboTime(oldest, ctx.realm.offsetMinutes));
  return since;
}

/**
 * Current or deleted records for the changed ids, oldest change first; past 1000 the newest are left out, so
 * a client can ask again from the last LastUpdatedTime it received.
 */
function rowsOf(ctx: RealmContext, def: EntityDef, ids: Map<string, number>): Record<string, unknown>[] {
  const ordered = [...ids.entries()].sort(([idA, atA], [idB, atB]) => atA - atB || Number(idA) - Number(idB) || idA.localeCompare(idB));
  const rows: Record<string, unknown>[] = [];
  for (const [id] of ordered) {
    if (rows.length >= CDC_MAX_PER_ENTITY) break;
    const current = ctx.realm.entities[def.name]?.[id];
    if (current) {
      rows.push(current);
      continue;
    }
    const deleted = ctx.realm.deleted[def.name]?.[id];
    if (deleted) {
      rows.push({ domain: "QBO", status: "Deleted", Id: id, MetaData: { LastUpdatedTime: formatQboTime(deleted.at, ctx.realm.offsetMinutes) } });
    }
  }
  return rows;
}
