import { z } from "zod";
import { Prisma, type AuditEntry } from "../db/generated/client";
import { ActorType } from "../db/generated/enums";
import type { AuditDb } from "./audit-db";
import { toJsonValue } from "./canonical-json";
import { hashAuditEntry, type AuditHashFields } from "./hash-entry";
import { redactSecrets } from "./redact-secrets";

// Dotted lower-case names, a noun then what happened to it: "member.role_changed", "qbo.connection.disconnected".
// The dots are what the audit page's action filter matches on (see list-audit-entries.ts).
const ACTION_PATTERN = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

const label = z.string().min(1).max(200);
const identifier = z.string().min(1).max(200);

const ActorSchema = z.discriminatedUnion("type", [
  z.object({ type: z.enum([ActorType.USER, ActorType.API_KEY]), id: identifier, label: label.optional() }).strict(),
  z.object({ type: z.literal(ActorType.SYSTEM), label: label.optional() }).strict(),
]);

// `before` and `after` are what the change looked like on either side, REDACTED BY THE CALLER: never put a secret,
// token, key or password in them (an audit row cannot be edited or deleted later). Keys that look secret are also
// replaced by "[redacted]" here as a safety net. Any value is accepted and stored as JSON: BigInts become decimal
// strings and Dates ISO strings, exactly as the hash sees them.
export const AuditInputSchema = z
  .object({
    workspaceId: identifier,
    actor: ActorSchema,
    action: z.string().max(100).regex(ACTION_PATTERN, "Use a dotted lower-case action such as member.role_changed."),
    target: z.object({ type: z.string().min(1).max(100), id: identifier }).strict().optional(),
    before: z.unknown().optional(),
    after: z.unknown().optional(),
    requestId: z.string().min(1).max(200).nullish(),
    ip: z.union([z.ipv4(), z.ipv6()]).nullish(),
  })
  .strict();

export type AuditInput = z.infer<typeof AuditInputSchema>;

// Key space of our advisory locks, so the per-workspace audit lock cannot collide with another feature's lock on
// the same workspace id ("LWAu" in ASCII).
const AUDIT_LOCK_CLASS = 0x4c574175;

/**
 * Appends one entry to the workspace's audit chain and returns it. Pass the transaction client of the change being
 * described, so the entry commits or rolls back with it; given the root client it opens its own transaction.
 *
 * Concurrent appends to one workspace queue on a transaction-scoped advisory lock, so each reads the true last
 * entry and seq stays contiguous; the lock is held until the outermost transaction ends, after our insert is
 * visible. The unique (workspaceId, seq) index backs this up: a caller running at REPEATABLE READ or SERIALIZABLE
 * whose snapshot predates the lock gets a unique-violation error rather than a forked chain.
 */
export async function recordAudit(db: AuditDb, input: AuditInput): Promise<AuditEntry> {
  const { workspaceId, actor, action, target, requestId, ip } = AuditInputSchema.parse(input);
  const before = input.before == null ? null : redactSecrets(toJsonValue(input.before));
  const after = input.after == null ? null : redactSecrets(toJsonValue(input.after));

  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_CLASS}::int4, hashtext(${workspaceId}))`;
      const last = await tx.auditEntry.findFirst({ where: { workspaceId }, orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
      const fields: AuditHashFields = {
        workspaceId,
        seq: (last?.seq ?? 0) + 1,
        actorType: actor.type,
        actorId: actor.type === ActorType.SYSTEM ? null : actor.id,
        actorLabel: actor.label ?? null,
        action,
        targetType: target?.type ?? null,
        targetId: target?.id ?? null,
        before,
        after,
        requestId: requestId ?? null,
        ip: ip ?? null,
        // Set here rather than by the column default so the hash covers exactly what is stored: a JS Date has
        // millisecond precision, as does the TIMESTAMP(3) column.
        createdAt: new Date(Date.now()),
        prevHash: last?.hash ?? null,
      };
      return tx.auditEntry.create({
        data: { ...fields, before: before ?? Prisma.DbNull, after: after ?? Prisma.DbNull, hash: hashAuditEntry(fields) },
      });
    },
    // Waiting for the workspace's lock counts against the transaction's time, so allow for a queue of writers.
    { maxWait: 10_000, timeout: 20_000 },
  );
}
