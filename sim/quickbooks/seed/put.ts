// Seeding writes records the way the API would: through the entity's own rules (so derived fields such as
// FullyQualifiedName, refs' names and defaults look the same) and saveRecord (Id, SyncToken, MetaData).
import type { EntityRecord } from "../state";
import type { RealmContext } from "../rest/context";
import { ENTITIES } from "../rest/entities";
import { RULES } from "../rest/rules";
import { nextId, saveRecord } from "../rest/store";

export function put(ctx: RealmContext, entity: string, fields: Record<string, unknown>, id?: string): EntityRecord {
  const def = ENTITIES.find((e) => e.name === entity);
  if (!def) throw new Error(`Unknown entity ${entity}`);
  const candidate: EntityRecord = {
    ...fields,
    domain: "QBO",
    sparse: false,
    Id: id ?? nextId(ctx, def),
    SyncToken: "0",
    MetaData: { CreateTime: "", LastUpdatedTime: "" },
  };
  const prepared = RULES[entity]?.prepare?.(ctx, candidate, undefined) ?? candidate;
  return saveRecord(ctx, def, prepared, "Create");
}
