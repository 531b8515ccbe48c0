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
  const [entry] = await appendEntries(db, [input]);
  return entry!;
}

/**
 * Appends several entries of ONE workspace, in order, under one take of the workspace's lock: what a batch of
 * postings recorded in one transaction writes (lib/sync/record-outcome.ts), one round trip for the rows instead of
 * three per entry. Same chain, same hashes as that many recordAudit calls. Returns how many were written.
 */
export async function recordAuditMany(db: AuditDb, inputs: AuditInput[]): Promise<number> {
  if (inputs.length === 0) return 0;
  if (new Set(inputs.map((i) => i.workspaceId)).size > 1) throw new Error("recordAuditMany takes the entries of one workspace");
  await appendEntries(db, inputs);
  return inputs.length;
}

type Parsed = ReturnType<typeof parseInput>;

function parseInput(input: AuditInput) {
  const { workspaceId, actor, action, target, requestId, ip } = AuditInputSchema.parse(input);
  const before = input.before == null ? null : redactSecrets(toJsonValue(input.before));
  const after = input.after == null ? null : redactSecrets(toJsonValue(input.after));
  return { workspaceId, actor, action, target, requestId, ip, before, after };
}

function fieldsOf(entry: Parsed, seq: number, prevHash: string | null, createdAt: Date): AuditHashFields {
  return {
    workspaceId: entry.workspaceId,
    seq,
    actorType: entry.actor.type,
    actorId: entry.actor.type === ActorType.SYSTEM ? null : entry.actor.id,
    actorLabel: entry.actor.label ?? null,
    action: entry.action,
    targetType: entry.target?.type ?? null,
    targetId: entry.target?.id ?? null,
    before: entry.before,
    after: entry.after,
    requestId: entry.requestId ?? null,
    ip: entry.ip ?? null,
    createdAt,
    prevHash,
  };
}

/** Appends the entries in order; returns the stored row when there is one entry (createMany returns none). */
async function appendEntries(db: AuditDb, inputs: AuditInput[]): Promise<AuditEntry[]> {
  const parsed = inputs.map(parseInput);
  const workspaceId = parsed[0]!.workspaceId;
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_CLASS}::int4, hashtext(${workspaceId}))`;
      const last = await tx.auditEntry.findFirst({ where: { workspaceId }, orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
      // Set here rather than by the column default so the hash covers exactly what is stored: a JS Date has
      // millisecond precision, as does the TIMESTAMP(3) column.
      const createdAt = new Date(Date.now());
      let seq = last?.seq ?? 0;
      let prevHash = last?.hash ?? null;
      const rows = parsed.map((entry) => {
        const fields = fieldsOf(entry, ++seq, prevHash, createdAt);
        prevHash = hashAuditEntry(fields);
        return { ...fields, before: entry.before ?? Prisma.DbNull, after: entry.after ?? Prisma.DbNull, hash: prevHash };
      });
      if (rows.length === 1) return [await tx.auditEntry.create({ data: rows[0]! })];
      await tx.auditEntry.createMany({ data: rows });
      return [];
    },
    // Waiting for the workspace's lock counts against the transaction's time, so allow for a queue of writers.
    { maxWait: 10_000, timeout: 20_000 },
  );
}
