import { isDeepStrictEqual } from "node:util";
import { recordAudit } from "../audit/record-audit";
import type { Prisma } from "../db";
import { db } from "../db";
import { compareWithPosting, type DriftChange } from "./compare-with-posting";
import { DRIFT_CODES, driftMessage, entityLabel, type DriftKindName } from "./drift-message";

// One version of an entity Ledgerwire posted, as QuickBooks now has it (read back after a webhook, or in a CDC
// answer), applied to its cross-reference: the SyncToken and QuickBooks' update time are recorded, and if the
// money differs from the posting, or it was voided or deleted, a drift is stored, an exception opened and the
// finding audited, all in one transaction. Decided under a row lock on the cross-reference, so a webhook and
// a CDC run that see the same change at the same moment flag it once.

export type EntityVersion =
  | { deleted: false; entity: QboRecord; operation?: string }
  | { deleted: true; at: Date | null };

export type QboRecord = { Id: string; SyncToken: string; MetaData?: { LastUpdatedTime?: string | undefined; [key: string]: unknown }; [key: string]: unknown };

export type ApplyOutcome = "known" | "updated" | "drift";

export type ApplyInput = { crossReferenceId: string; version: EntityVersion; via: "webhook" | "cdc"; intuitTid: string | null };

const SYSTEM = { type: "SYSTEM" as const, label: "QuickBooks listen-back" };
// The audit entry queues on its workspace's lock inside this transaction: allow for a queue of writers.
const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 20_000 };

export function qboTime(value: unknown): Date | null {
  if (typeof value !== "string") return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at;
}

function modifiedBy(entity: QboRecord): string | null {
  const ref = entity.MetaData?.LastModifiedByRef;
  return typeof ref === "object" && ref !== null && typeof (ref as { value?: unknown }).value === "string" ? (ref as { value: string }).value : null;
}

type Locked = { id: string; syncToken: string; qboUpdatedAt: Date | null; qboDeletedAt: Date | null };

export async function applyVersion(ctx: { tenantId: string }, input: ApplyInput): Promise<ApplyOutcome> {
  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<Locked[]>`
      SELECT id, "syncToken", "qboUpdatedAt", "qboDeletedAt" FROM "QboCrossReference"
      WHERE id = ${input.crossReferenceId} AND "workspaceId" = ${ctx.tenantId} FOR UPDATE`;
    if (!row) return "known";
    const xref = await tx.qboCrossReference.findUniqueOrThrow({
      where: { id: row.id },
      include: { posting: { select: { id: true, entityType: true, amountMinor: true, currency: true, body: true, postedAt: true } } },
    });
    const { version } = input;

    let kind: DriftKindName | null;
    let changes: DriftChange[];
    let syncToken: string;
    let changedAt: Date | null;
    let changedBy: string | null = null;
    let docNumber: string | null = null;
    if (version.deleted) {
      if (row.qboDeletedAt) return "known";
      changedAt = version.at;
      await tx.qboCrossReference.update({ where: { id: row.id }, data: { qboDeletedAt: version.at ?? new Date() } });
      kind = "DELETED";
      changes = [{ field: "status", expected: "posted", actual: "deleted" }];
      syncToken = "deleted";
    } else {
      const { entity } = version;
      changedAt = qboTime(entity.MetaData?.LastUpdatedTime);
      // Our own write echoed back, or a version already applied: nothing new.
      if (entity.SyncToken === row.syncToken || (row.qboUpdatedAt && changedAt && changedAt <= row.qboUpdatedAt)) {
        if (changedAt && (!row.qboUpdatedAt || changedAt > row.qboUpdatedAt)) await tx.qboCrossReference.update({ where: { id: row.id }, data: { qboUpdatedAt: changedAt } });
        return "known";
      }
      await tx.qboCrossReference.update({ where: { id: row.id }, data: { syncToken: entity.SyncToken, qboUpdatedAt: changedAt } });
      const comparison = compareWithPosting(xref.posting, entity, version.operation);
      if (!comparison.kind) return "updated";
      kind = comparison.kind;
      changes = comparison.changes;
      syncToken = entity.SyncToken;
      changedBy = modifiedBy(entity);
      docNumber = typeof entity.DocNumber === "string" ? entity.DocNumber : null;
    }

    // A later version that differs in exactly the same way (someone edited the memo of an edited receipt) adds nothing.
    const latest = await tx.postingDrift.findFirst({ where: { postingId: xref.postingId }, orderBy: { detectedAt: "desc" }, select: { kind: true, changes: true } });
    if (latest && latest.kind === kind && isDeepStrictEqual(latest.changes, JSON.parse(JSON.stringify(changes)))) return "updated";

    const created = await tx.postingDrift.createManyAndReturn({
      data: [
        {
          workspaceId: ctx.tenantId,
          postingId: xref.postingId,
          qboConnectionId: xref.qboConnectionId,
          entityType: xref.entityType,
          entityId: xref.entityId,
          kind,
          syncToken,
          changes: changes as unknown as Prisma.InputJsonValue,
          changedAt,
          changedBy,
          intuitTid: input.intuitTid,
          detectedVia: input.via,
        },
      ],
      skipDuplicates: true,
    });
    const drift = created[0];
    if (!drift) return "updated";

    const code = DRIFT_CODES[kind];
    const message = driftMessage({ kind, label: entityLabel(xref.entityType, xref.entityId, docNumber), postedAt: xref.posting.postedAt ?? xref.createdAt, changes, currency: xref.posting.currency, changedAt });
    const details = { driftId: drift.id, entityType: xref.entityType, entityId: xref.entityId, syncToken, changes, changedAt, changedBy, intuitTid: input.intuitTid } as unknown as Prisma.InputJsonValue;
    // One open exception per posting and kind: a second edit updates it rather than queueing another.
    const open = await tx.syncException.findFirst({ where: { workspaceId: ctx.tenantId, postingId: xref.postingId, code, status: "OPEN" }, select: { id: true } });
    const exception = open
      ? await tx.syncException.update({ where: { id: open.id }, data: { message, details } })
      : await tx.syncException.create({ data: { workspaceId: ctx.tenantId, postingId: xref.postingId, qboConnectionId: xref.qboConnectionId, code, message, details } });
    await tx.postingDrift.update({ where: { id: drift.id }, data: { syncExceptionId: exception.id } });
    await recordAudit(tx, {
      workspaceId: ctx.tenantId,
      actor: SYSTEM,
      action: `posting.drift_${kind.toLowerCase()}`,
      target: { type: "Posting", id: xref.postingId },
      before: { entityType: xref.entityType, entityId: xref.entityId, amountMinor: xref.posting.amountMinor, currency: xref.posting.currency },
      after: { kind, syncToken, changes, changedAt, changedBy, intuitTid: input.intuitTid, detectedVia: input.via, exceptionId: exception.id },
    });
    return "drift";
  }, TRANSACTION_OPTIONS);
}
