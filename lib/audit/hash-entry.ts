import { createHash } from "node:crypto";
import type { ActorType } from "../db/generated/enums";
import { canonicalJson, toJsonValue } from "./canonical-json";

// Everything an audit entry says, plus the hash of the entry before it. Changing any of these, in the database or
// anywhere else, changes the entry's hash; `prevHash` ties each entry to the one before, so the change also shows
// as a broken link. A stored AuditEntry row satisfies this type as it is.
export type AuditHashFields = {
  workspaceId: string;
  seq: number;
  actorType: ActorType;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
  createdAt: Date;
  prevHash: string | null;
};

/**
 * The one spelling of an entry that is hashed. Keys are sorted at every depth (jsonb does not keep key order),
 * BigInts become decimal strings and Dates ISO strings, so the caller's value and the stored one agree. The
 * time is ISO with milliseconds, which is exactly what the TIMESTAMP(3) column keeps.
 */
export function canonicalAuditEntry(fields: AuditHashFields): string {
  return canonicalJson({
    workspaceId: fields.workspaceId,
    seq: fields.seq,
    actorType: fields.actorType,
    actorId: fields.actorId,
    actorLabel: fields.actorLabel,
    action: fields.action,
    targetType: fields.targetType,
    targetId: fields.targetId,
    before: toJsonValue(fields.before),
    after: toJsonValue(fields.after),
    requestId: fields.requestId,
    ip: fields.ip,
    createdAt: fields.createdAt.toISOString(),
    prevHash: fields.prevHash,
  });
}

/** Hex SHA-256 of the canonical form. */
export function hashAuditEntry(fields: AuditHashFields): string {
  return createHash("sha256").update(canonicalAuditEntry(fields), "utf8").digest("hex");
}
