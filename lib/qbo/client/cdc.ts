// GET /cdc?entities=…&changedSince=…: what changed since a moment (at most 30 days back), deleted records
// included as `{ status: "Deleted", Id }`. QuickBooks answers at most 1000 rows per entity and does not page:
// a caller that gets 1000 asks again from the newest MetaData.LastUpdatedTime it received.
import { z } from "zod";
import { checkEntity } from "./crud";
import type { AnswerMeta } from "./parse-fault";
import { invalidArgument } from "./qbo-error";
import { DeletedSchema, ENTITY_SCHEMAS, type Deleted, type EntityOf } from "./schemas";
import { expectShape, type Transport } from "./transport";
import type { CdcChanges, CdcEntity } from "./types";

const CdcAnswerSchema = z.looseObject({
  CDCResponse: z.array(z.looseObject({ QueryResponse: z.array(z.record(z.string(), z.unknown())).default([]) })),
});

/** Whole seconds: Intuit's examples use them, and rounding down only ever includes more changes, never fewer. */
function changedSinceParam(changedSince: Date): string {
  if (!(changedSince instanceof Date) || Number.isNaN(changedSince.getTime())) throw invalidArgument("changedSince must be a valid Date", "changedSince");
  return changedSince.toISOString().replace(/\.\d{3}Z$/, "Z");
}

function rowOf<E extends CdcEntity>(entity: E, row: unknown, meta: AnswerMeta): EntityOf<E> | Deleted {
  const deleted = DeletedSchema.safeParse(row);
  if (deleted.success) return deleted.data;
  return expectShape(ENTITY_SCHEMAS[entity], { json: row, meta }, `a changed ${entity}`) as EntityOf<E>;
}

export async function changedSince<E extends CdcEntity>(transport: Transport, entities: E[], since: Date): Promise<CdcChanges<E>> {
  if (!Array.isArray(entities) || entities.length === 0) throw invalidArgument("Change data capture needs at least one entity", "entities");
  entities.forEach(checkEntity);
  const answer = await transport.send({
    method: "GET",
    path: "/cdc",
    params: { entities: entities.join(","), changedSince: changedSinceParam(since) },
    kind: "read",
  });
  const parsed = expectShape(CdcAnswerSchema, answer, "change data capture");
  const changes = Object.fromEntries(entities.map((entity) => [entity, [] as unknown[]])) as { [K in E]: Array<EntityOf<K> | Deleted> };
  for (const response of parsed.CDCResponse) {
    for (const entry of response.QueryResponse) {
      for (const entity of entities) {
        const rows = entry[entity];
        if (!Array.isArray(rows)) continue;
        changes[entity].push(...rows.map((row) => rowOf(entity, row, answer.meta)));
      }
    }
  }
  return changes;
}
