// Create, read, update, delete and void one entity: POST /{entity}[?operation=…] and GET /{entity}/{id}.
// Answers wrap the entity in its element name, `{"Invoice": {...}, "time": "..."}`.
import { z } from "zod";
import { invalidArgument } from "./qbo-error";
import { checkRequestId } from "./request-id";
import { DeletedSchema, ENTITY_SCHEMAS, type Deleted, type EntityOf, type QboEntityName } from "./schemas";
import { expectShape, type Transport } from "./transport";
import type { EntityKey, QboBody, UpdateBody, WriteOptions } from "./types";

export function checkEntity(entity: string): QboEntityName {
  if (!Object.hasOwn(ENTITY_SCHEMAS, entity)) throw invalidArgument(`${entity} is not a QuickBooks entity this client knows`, "entity");
  return entity as QboEntityName;
}

function pathOf(entity: QboEntityName): string {
  return `/${entity.toLowerCase()}`;
}

function checkKey(key: EntityKey): EntityKey {
  const parsed = z.object({ Id: z.string().min(1), SyncToken: z.string().min(1) }).safeParse(key);
  if (!parsed.success) throw invalidArgument("Updates, deletes and voids need the record's Id and current SyncToken", "Id");
  return parsed.data;
}

/** The entity inside its wrapper; the answer's `time` and anything else are ignored. */
function unwrap<S extends z.ZodType>(entity: string, schema: S): z.ZodType<z.infer<S>> {
  return z.looseObject({ [entity]: schema }).transform((answer) => answer[entity] as z.infer<S>);
}

function entityAnswer<E extends QboEntityName>(entity: E): z.ZodType<EntityOf<E>> {
  return unwrap(entity, ENTITY_SCHEMAS[entity]) as z.ZodType<EntityOf<E>>;
}

export async function createEntity<E extends QboEntityName>(transport: Transport, entity: E, body: QboBody, options: WriteOptions): Promise<EntityOf<E>> {
  checkEntity(entity);
  const requestId = checkRequestId(options?.requestId);
  const answer = await transport.send({ method: "POST", path: pathOf(entity), body, kind: "write", requestId });
  return expectShape(entityAnswer(entity), answer, `the new ${entity}`);
}

export async function readEntity<E extends QboEntityName>(transport: Transport, entity: E, id: string): Promise<EntityOf<E>> {
  checkEntity(entity);
  if (typeof id !== "string" || id.trim() === "") throw invalidArgument(`Reading a ${entity} needs its Id`, "Id");
  const answer = await transport.send({ method: "GET", path: `${pathOf(entity)}/${encodeURIComponent(id)}`, kind: "read" });
  return expectShape(entityAnswer(entity), answer, `${entity} ${id}`);
}

export async function updateEntity<E extends QboEntityName>(transport: Transport, entity: E, body: UpdateBody, options: WriteOptions): Promise<EntityOf<E>> {
  checkEntity(entity);
  checkKey(body);
  // Sparse: a full update would clear every field the body leaves out.
  const requestId = checkRequestId(options?.requestId);
  const answer = await transport.send({ method: "POST", path: pathOf(entity), params: { operation: "update" }, body: { ...body, sparse: true }, kind: "write", requestId });
  return expectShape(entityAnswer(entity), answer, `the updated ${entity}`);
}

export async function deleteEntity(transport: Transport, entity: QboEntityName, key: EntityKey, options: WriteOptions): Promise<Deleted> {
  checkEntity(entity);
  const { Id, SyncToken } = checkKey(key);
  const requestId = checkRequestId(options?.requestId);
  const answer = await transport.send({ method: "POST", path: pathOf(entity), params: { operation: "delete" }, body: { Id, SyncToken }, kind: "write", requestId });
  return expectShape(unwrap(entity, DeletedSchema), answer, `the deleted ${entity}`);
}

export async function voidEntity<E extends QboEntityName>(transport: Transport, entity: E, key: EntityKey, options: WriteOptions): Promise<EntityOf<E>> {
  checkEntity(entity);
  const { Id, SyncToken } = checkKey(key);
  const requestId = checkRequestId(options?.requestId);
  const answer = await transport.send({ method: "POST", path: pathOf(entity), params: { operation: "void" }, body: { Id, SyncToken }, kind: "write", requestId });
  return expectShape(entityAnswer(entity), answer, `the voided ${entity}`);
}
