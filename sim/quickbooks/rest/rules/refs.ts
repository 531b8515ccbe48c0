// Reference checks: every `*Ref` must name an existing record (else 2500 Invalid Reference Id) that is still
// active (else 610 Object Not Found), and QuickBooks fills the ref's `name` from the record.
import type { EntityRecord } from "../../state";
import type { RealmContext } from "../context";
import { PEOPLE } from "../entities";
import { faults } from "../faults";
import { findRecord, records } from "../store";
import { isBlank, isObject, refValue, type Json } from "./common";

/** Which field becomes a ref's `name`; null: QuickBooks sends the ref without a name (TaxCodeRef, TaxRateRef). */
const NAME_FIELD: Record<string, string | null> = {
  Account: "FullyQualifiedName",
  Customer: "FullyQualifiedName",
  Vendor: "DisplayName",
  Employee: "DisplayName",
  Item: "FullyQualifiedName",
  Class: "FullyQualifiedName",
  Department: "FullyQualifiedName",
  TaxCode: null,
  TaxRate: null,
};

export type Ref = { value: string; name?: string; type?: string };

export function refTo(entity: string, record: EntityRecord): Ref {
  const field = NAME_FIELD[entity];
  const name = field ? record[field] ?? record.Name ?? record.DisplayName : undefined;
  return typeof name === "string" ? { value: record.Id, name } : { value: record.Id };
}

/** The record a ref names, checked: 2500 when missing or malformed, 610 when inactive. */
export function lookup(ctx: RealmContext, entity: string, ref: unknown, element: string): EntityRecord {
  const id = refValue(ref);
  if (id === undefined || id === "") throw faults.invalidReference(element, typeof ref === "string" ? ref : "");
  const record = findRecord(ctx, entity, id);
  if (!record) throw faults.invalidReference(element, id);
  if (record.Active === false) throw faults.inactiveReference(element);
  return record;
}

/**
 * Checks `holder[field]` when present and rewrites it as `{value, name}`. Returns the referenced record, or
 * undefined when the field is absent (callers decide whether it was required).
 */
export function resolveRef(ctx: RealmContext, holder: Json, field: string, entity: string, element = field): EntityRecord | undefined {
  const ref = holder[field];
  if (isBlank(ref)) {
    delete holder[field];
    return undefined;
  }
  const record = lookup(ctx, entity, ref, element);
  holder[field] = refTo(entity, record);
  return record;
}

/** Like resolveRef, but 2020 when the field is missing. */
export function requireRef(ctx: RealmContext, holder: Json, field: string, entity: string, element = field): EntityRecord {
  const record = resolveRef(ctx, holder, field, entity, element);
  if (!record) throw faults.requiredParam(element);
  return record;
}

export type Party = { entity: string; record: EntityRecord };

/**
 * A ref to a customer, vendor or employee (`EntityRef`, `DepositLineDetail.Entity`). Each of those lists has
 * its own Id sequence here, so the ref's `type` picks the list; without it the lists are tried in `order`.
 * The type is matched in any case: QuickBooks answers a deposit line's Entity as `"type": "CUSTOMER"` and a
 * purchase's EntityRef as `"type": "Vendor"`, and clients send back what they read. `upperType` answers the
 * former spelling.
 */
export function resolveParty(
  ctx: RealmContext,
  holder: Json,
  field: string,
  element: string,
  order: readonly string[] = PEOPLE,
  options: { upperType?: boolean } = {},
): Party | undefined {
  const ref = holder[field];
  if (isBlank(ref)) {
    delete holder[field];
    return undefined;
  }
  const given = isObject(ref) && typeof ref.type === "string" && ref.type !== "" ? ref.type : undefined;
  const type = given === undefined ? undefined : PEOPLE.find((p) => p.toLowerCase() === given.toLowerCase());
  if (given !== undefined && !type) throw faults.invalidValue(`${element}.type`, `Invalid entity type: ${given}`);
  const lists = type ? [type] : order;
  const id = refValue(ref);
  for (const entity of lists) {
    if (id !== undefined && findRecord(ctx, entity, id)) {
      const record = lookup(ctx, entity, ref, element);
      holder[field] = { ...refTo(entity, record), type: options.upperType ? entity.toUpperCase() : entity };
      return { entity, record };
    }
  }
  throw faults.invalidReference(element, id ?? "");
}

/** The first active account of a sub-type (Undeposited Funds, Accounts Receivable ...): default accounts. */
export function accountBySubType(ctx: RealmContext, subType: string): EntityRecord | undefined {
  return Object.values(records(ctx, "Account")).find((a) => a.AccountSubType === subType && a.Active !== false);
}

export function accountByType(ctx: RealmContext, type: string): EntityRecord | undefined {
  return Object.values(records(ctx, "Account")).find((a) => a.AccountType === type && a.Active !== false);
}

/** Fills `holder[field]` with a default account when absent, else checks the given one. */
export function accountRefOrDefault(ctx: RealmContext, holder: Json, field: string, fallback: EntityRecord | undefined, element = field): EntityRecord | undefined {
  if (isBlank(holder[field]) && fallback) holder[field] = { value: fallback.Id };
  return resolveRef(ctx, holder, field, "Account", element);
}
