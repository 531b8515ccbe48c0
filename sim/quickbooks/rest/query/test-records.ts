// Test support for the query, batch and CDC tests: records put straight into a realm, for the cases where
// going through the API would be slow (1,200 customers) or would depend on entity rules being written
// elsewhere (invoices need customers, items and accounts).
import { realmContext } from "../../core";
import type { QboSim } from "../../index";
import type { EntityRecord, Realm } from "../../state";
import { entityByName } from "../entities";
import { nextId, saveRecord } from "../store";

/** Saves one record as a write through the API would (SyncToken, MetaData, change log), skipping entity rules. */
export function saveDirect(sim: QboSim, realm: Realm, entity: string, fields: Record<string, unknown>): EntityRecord {
  const def = entityByName(entity);
  if (!def) throw new Error(`unknown entity ${entity}`);
  const ctx = realmContext(sim.core, realm);
  const id = typeof fields.Id === "string" ? fields.Id : nextId(ctx, def);
  return saveRecord(ctx, def, { ...fields, domain: "QBO", sparse: false, Id: id, SyncToken: "0", MetaData: { CreateTime: "", LastUpdatedTime: "" } }, "Create");
}

/**
 * Replaces every record of an entity with `rows` (Ids 1..n unless given), without logging changes, and moves
 * the Id sequence past them so later creates through the API do not collide.
 */
export function replaceRecords(realm: Realm, entity: string, rows: Record<string, unknown>[], stamp = "2025-01-01T00:00:00-08:00"): EntityRecord[] {
  const def = entityByName(entity);
  if (!def) throw new Error(`unknown entity ${entity}`);
  const stored = rows.map((fields, index): EntityRecord => {
    const meta = (fields.MetaData as EntityRecord["MetaData"] | undefined) ?? { CreateTime: stamp, LastUpdatedTime: stamp };
    return { ...fields, domain: "QBO", sparse: false, Id: typeof fields.Id === "string" ? fields.Id : String(index + 1), SyncToken: typeof fields.SyncToken === "string" ? fields.SyncToken : "0", MetaData: meta };
  });
  realm.entities[entity] = Object.fromEntries(stored.map((r) => [r.Id, r]));
  const key = def.kind === "transaction" ? "__transactions" : def.name;
  const highest = Math.max(0, ...stored.map((r) => Number(r.Id)).filter(Number.isFinite));
  realm.sequences[key] = Math.max(realm.sequences[key] ?? 0, highest);
  return stored;
}
