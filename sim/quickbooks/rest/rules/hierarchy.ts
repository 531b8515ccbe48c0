// Sub-accounts, sub-customers (jobs), sub-items, sub-classes and sub-departments: `ParentRef` makes the record
// a child, `FullyQualifiedName` is the parent's plus ":" plus its own name, `Level` counts the depth.
import type { EntityRecord } from "../../state";
import type { RealmContext } from "../context";
import { faults } from "../faults";
import { records } from "../store";
import { isBlank, type Json } from "./common";
import { lookup, refTo } from "./refs";

/** `subFlag` is the boolean QuickBooks sets on children (SubAccount, Job, SubItem, SubClass, SubDepartment). */
export function placeInHierarchy(ctx: RealmContext, entity: string, record: Json, ownName: string, subFlag: string): void {
  if (ownName.includes(":")) throw faults.invalidValue("Name", `The name can't contain a colon (:): ${ownName}`);
  if (isBlank(record.ParentRef)) {
    delete record.ParentRef;
    delete record.Level;
    record[subFlag] = false;
    record.FullyQualifiedName = ownName;
    return;
  }
  const parent = lookup(ctx, entity, record.ParentRef, "ParentRef");
  // A record can't sit under itself or under one of its own children.
  for (let at: EntityRecord | undefined = parent; at; at = parentOf(ctx, entity, at)) {
    if (at.Id === record.Id) throw faults.businessValidation(`A ${entity.toLowerCase()} can't be its own parent.`, "ParentRef");
  }
  record.ParentRef = refTo(entity, parent);
  record[subFlag] = true;
  record.Level = (typeof parent.Level === "number" ? parent.Level : 0) + 1;
  record.FullyQualifiedName = `${String(parent.FullyQualifiedName ?? parent.Name)}:${ownName}`;
}

function parentOf(ctx: RealmContext, entity: string, record: EntityRecord): EntityRecord | undefined {
  const ref = record.ParentRef as { value?: string } | undefined;
  return ref?.value ? records(ctx, entity)[ref.value] : undefined;
}

/**
 * After a rename, children's FullyQualifiedName (and their refs' names) follow. Derived text, so it is
 * rewritten in place without a new SyncToken.
 */
export function renameChildren(ctx: RealmContext, entity: string, parent: EntityRecord): void {
  for (const child of Object.values(records(ctx, entity))) {
    const ref = child.ParentRef as { value?: string } | undefined;
    if (ref?.value !== parent.Id) continue;
    const own = String(child.FullyQualifiedName ?? "").split(":").pop() ?? "";
    child.FullyQualifiedName = `${String(parent.FullyQualifiedName)}:${own}`;
    child.ParentRef = refTo(entity, parent);
    renameChildren(ctx, entity, child);
  }
}
