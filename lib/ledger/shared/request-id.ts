import { createHash } from "node:crypto";

// QuickBooks keeps a `requestid` per company and answers a repeat with the first answer, so the id must be the
// same every time the same write is attempted: it is derived from the canonical key (business identity) and the
// target, never from time or chance. "lw" + 40 hex characters of SHA-256 = 42 characters, under QuickBooks' 50.
export function requestIdOf(eventKey: string, target: string): string {
  return `lw${createHash("sha256").update(`${eventKey}\u0000${target}`).digest("hex").slice(0, 40)}`;
}
