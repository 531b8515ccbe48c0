// Shared by the rules' tests: finding seeded records by name and reading Fault bodies.
import type { Realm } from "../../state";

export function idOf(realm: Realm, entity: string, field: string, value: string): string {
  const record = Object.values(realm.entities[entity] ?? {}).find((r) => r[field] === value);
  if (!record) throw new Error(`No ${entity} with ${field} = ${value}`);
  return record.Id;
}

export const accountId = (realm: Realm, name: string) => idOf(realm, "Account", "Name", name);
export const itemId = (realm: Realm, name: string) => idOf(realm, "Item", "Name", name);
export const customerId = (realm: Realm, name: string) => idOf(realm, "Customer", "DisplayName", name);
export const vendorId = (realm: Realm, name: string) => idOf(realm, "Vendor", "DisplayName", name);

type FaultBody = { Fault: { Error: { Message: string; Detail: string; code: string; element: string }[]; type: string } };

/** The first error of a Fault answer. */
export function faultOf(body: unknown): { Message: string; Detail: string; code: string; element: string } {
  const error = (body as FaultBody).Fault?.Error?.[0];
  if (!error) throw new Error(`Not a Fault: ${JSON.stringify(body)}`);
  return error;
}

/** Answers are read field by field in assertions; a loose type keeps those readable. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Doc = any;

/** The entity object of a success answer: `{ Invoice: {...}, time }` -> the invoice. */
export function entityOf(body: unknown, entity: string): Doc {
  const value = (body as Record<string, unknown>)[entity];
  if (!value) throw new Error(`No ${entity} in ${JSON.stringify(body)}`);
  return value;
}
