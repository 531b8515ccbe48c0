import { createHash } from "node:crypto";

/**
 * The QuickBooks requestid of a list write from the mapping page: from the company, the entity and the name
 * (its business identity), so a double click or a retry after a lost answer gets QuickBooks' first answer
 * instead of a second account. 2 + 40 hex characters, under QuickBooks' 50.
 */
export function listWriteRequestId(realmId: string, entity: "Account" | "Item", name: string): string {
  return `lm${createHash("sha256").update(`${realmId}\u0000${entity}\u0000${name.toLowerCase()}`).digest("hex").slice(0, 40)}`;
}
