// Create, read, update (full and sparse), delete and void, with the checks QuickBooks applies to every
// entity: unknown fields (2010), required fields (2020), missing objects (610), stale SyncToken (5010),
// duplicate names (6240) and document numbers (6140), closed books (6210). Entity-specific references and
// computed fields come from rules/.
import type { EntityRecord } from "../state";
import type { RealmContext } from "./context";
import type { EntityDef } from "./entities";
import { faults } from "./faults";
import { isPerson, nameKey, personNamed } from "./name-index";
import { RULES } from "./rules";
import type { EntityRules } from "./rules/types";
import { findRecord, nextId, records, removeRecord, saveRecord } from "./store";

const ALWAYS_ALLOWED = new Set(["Id", "SyncToken", "MetaData", "sparse", "domain", "status"]);

export type Operation = "create" | "update" | "delete" | "void";

function rulesFor(def: EntityDef): EntityRules | undefined {
  return RULES[def.name];
}

function asObject(body: unknown, def: EntityDef): Record<string, unknown> {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw faults.malformedBody(`Expected a ${def.name} object`);
  }
  return body as Record<string, unknown>;
}

function checkFields(def: EntityDef, input: Record<string, unknown>): void {
  const rules = rulesFor(def);
  if (!rules) return;
  const allowed = new Set(rules.fields);
  for (const field of Object.keys(input)) {
    if (!ALWAYS_ALLOWED.has(field) && !allowed.has(field)) throw faults.unknownField(field, def.name);
  }
}

function requireId(input: Record<string, unknown>): { id: string; syncToken: string } {
  const id = input.Id;
  if (typeof id !== "string" && typeof id !== "number") throw faults.requiredParam("Id");
  const syncToken = input.SyncToken;
  if (typeof syncToken !== "string" && typeof syncToken !== "number") throw faults.requiredParam("SyncToken");
  return { id: String(id), syncToken: String(syncToken) };
}

function existing(ctx: RealmContext, def: EntityDef, id: string, syncToken: string): EntityRecord {
  const record = findRecord(ctx, def.name, id);
  if (!record) throw faults.objectNotFound(`Object Not Found : Another user has deleted this ${def.name.toLowerCase()}.`);
  if (record.SyncToken !== syncToken) throw faults.staleObject();
  return record;
}

/** What a 6240 calls each list ("Another account is already using this name"); Department is "location" in QuickBooks. */
const LIST_WORD: Record<string, string> = { Account: "account", Item: "product or service", Class: "class", Department: "location", PaymentMethod: "payment method", Term: "term" };

function checkUniqueName(ctx: RealmContext, def: EntityDef, record: EntityRecord): void {
  if (!def.nameField) return;
  if (isPerson(def.name)) {
    const value = record.DisplayName;
    if (typeof value === "string" && personNamed(ctx.realm, value, { entity: def.name, id: record.Id })) throw faults.duplicateName(value);
    return;
  }
  // Other lists are small; names are unique among siblings, so the full path (Parent:Child) is what must differ.
  const value = record.FullyQualifiedName ?? record[def.nameField];
  if (typeof value !== "string") return;
  const key = nameKey(value);
  for (const other of Object.values(records(ctx, def.name))) {
    if (other.Id === record.Id) continue;
    const otherName = other.FullyQualifiedName ?? other[def.nameField];
    if (typeof otherName === "string" && nameKey(otherName) === key) throw faults.duplicateListName(LIST_WORD[def.name] ?? def.name.toLowerCase());
  }
}

function checkUniqueDocNumber(ctx: RealmContext, def: EntityDef, record: EntityRecord): void {
  if (!def.uniqueDocNumber) return;
  const doc = record.DocNumber;
  if (typeof doc !== "string" || doc === "") return;
  for (const other of Object.values(records(ctx, def.name))) {
    if (other.Id !== record.Id && other.DocNumber === doc) throw faults.duplicateDocNumber();
  }
}

function checkBooksOpen(ctx: RealmContext, def: EntityDef, ...dated: (EntityRecord | undefined)[]): void {
  const closed = ctx.realm.closedThrough;
  if (!closed || def.kind !== "transaction") return;
  for (const record of dated) {
    const date = record?.TxnDate;
    if (typeof date === "string" && date <= closed) throw faults.booksClosed(closed);
  }
}

function finishWrite(ctx: RealmContext, def: EntityDef, candidate: EntityRecord, previous: EntityRecord | undefined): EntityRecord {
  const rules = rulesFor(def);
  const prepared = rules?.prepare ? rules.prepare(ctx, candidate, previous) : candidate;
  checkUniqueName(ctx, def, prepared);
  checkUniqueDocNumber(ctx, def, prepared);
  checkBooksOpen(ctx, def, prepared, previous);
  const saved = saveRecord(ctx, def, prepared, previous ? "Update" : "Create");
  rules?.afterSave?.(ctx, saved, previous);
  return saved;
}

export function createEntity(ctx: RealmContext, def: EntityDef, body: unknown): EntityRecord {
  const input = asObject(body, def);
  // A POST carrying an Id is an update, also on entities that can't be created (CompanyInfo, Preferences).
  if (input.Id !== undefined && input.Id !== null) return updateEntity(ctx, def, input);
  if (!def.create) throw faults.operationNotSupported("Create");
  checkFields(def, input);
  const rules = rulesFor(def);
  for (const field of rules?.required ?? []) {
    if (input[field] === undefined || input[field] === null || input[field] === "") throw faults.requiredParam(field);
  }
  const { sparse: _sparse, SyncToken: _token, MetaData: _meta, ...fields } = input;
  const candidate: EntityRecord = {
    ...rules?.defaults?.(ctx),
    ...fields,
    domain: "QBO",
    sparse: false,
    Id: nextId(ctx, def),
    SyncToken: "0",
    MetaData: { CreateTime: "", LastUpdatedTime: "" },
  };
  return finishWrite(ctx, def, candidate, undefined);
}

export function updateEntity(ctx: RealmContext, def: EntityDef, body: unknown): EntityRecord {
  const input = asObject(body, def);
  if (!def.update) throw faults.operationNotSupported("Update");
  checkFields(def, input);
  const { id, syncToken } = requireId(input);
  const previous = existing(ctx, def, id, syncToken);
  const { sparse, MetaData: _meta, SyncToken: _token, Id: _id, ...fields } = input;
  // A full update replaces every writable field: what the request leaves out is cleared, as in QuickBooks.
  const base: Record<string, unknown> = sparse === true ? { ...previous } : { Id: previous.Id, MetaData: previous.MetaData };
  const candidate: EntityRecord = { ...base, ...fields, domain: "QBO", sparse: false, Id: previous.Id, SyncToken: previous.SyncToken, MetaData: previous.MetaData };
  return finishWrite(ctx, def, candidate, previous);
}

export function readEntity(ctx: RealmContext, def: EntityDef, id: string): EntityRecord {
  const record = findRecord(ctx, def.name, id);
  if (!record) throw faults.objectNotFound();
  return record;
}

/** Deletes a transaction; answers `{status: "Deleted", domain, Id}` as QuickBooks does. */
export function deleteEntity(ctx: RealmContext, def: EntityDef, body: unknown): Record<string, unknown> {
  const input = asObject(body, def);
  if (!def.delete) throw faults.operationNotSupported("Delete");
  const { id, syncToken } = requireId(input);
  const record = existing(ctx, def, id, syncToken);
  checkBooksOpen(ctx, def, record);
  rulesFor(def)?.beforeRemove?.(ctx, record, "delete");
  removeRecord(ctx, def, record);
  return { status: "Deleted", domain: "QBO", Id: record.Id };
}

export function voidEntity(ctx: RealmContext, def: EntityDef, body: unknown): EntityRecord {
  const input = asObject(body, def);
  if (!def.void) throw faults.operationNotSupported("Void");
  const { id, syncToken } = requireId(input);
  const record = existing(ctx, def, id, syncToken);
  checkBooksOpen(ctx, def, record);
  const rules = rulesFor(def);
  rules?.beforeRemove?.(ctx, record, "void");
  const note = typeof record.PrivateNote === "string" && record.PrivateNote !== "" ? `Voided - ${record.PrivateNote}` : "Voided";
  const voided = rules?.voided ? rules.voided(ctx, record) : { ...record, TotalAmt: 0, Balance: 0 };
  const saved = saveRecord(ctx, def, { ...voided, PrivateNote: note }, "Void");
  rules?.afterSave?.(ctx, saved, record);
  return saved;
}

export function applyOperation(ctx: RealmContext, def: EntityDef, operation: Operation, body: unknown): Record<string, unknown> {
  switch (operation) {
    case "create":
      return createEntity(ctx, def, body);
    case "update":
      return updateEntity(ctx, def, body);
    case "delete":
      return deleteEntity(ctx, def, body);
    case "void":
      return voidEntity(ctx, def, body);
  }
}
