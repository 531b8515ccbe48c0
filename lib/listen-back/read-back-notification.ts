import { db } from "../db";
import { ENTITY_SCHEMAS, QboError, isReferenceEntity, type QboEntityName } from "../qbo/client";
import { QboConnectionUnavailableError } from "../qbo/token-manager";
import { applyVersion, type ApplyOutcome } from "./apply-version";
import { noteNotification } from "./listen-back-state";
import { NotificationPayloadSchema, type NotificationPayload } from "./notification-payload";
import { qboReaderFor, type QboReader } from "./qbo-reader";
import { cachedRowRefreshedAt, deactivateReferenceRow, forget, hasReferenceCache, isCachedEntity, refreshReferenceRow } from "./refresh-reference-row";

// One stored QuickBooks notification (webhook, either format) read back. QuickBooks only names what changed,
// so the entity is read, but only when it can matter and is not already known: an entity Ledgerwire posted
// (its cross-reference gets the new SyncToken, and drift is flagged), or a cached account, item or tax code
// (its cache row is replaced). Our own creates echoed back, changes already read (by an earlier notification
// or the CDC catch-up) and entities Ledgerwire neither posted nor caches cost no read. The inbound event is
// then marked NORMALISED or IGNORED with the reason, so it is never left waiting.

export type ListenBackCtx = { tenantId: string };

export type ReadBackResult =
  | { status: "NORMALISED" | "IGNORED"; outcome: string; reads: number }
  | { status: "MISSING" }
  | { status: "ALREADY_PROCESSED" };

type Connection = { id: string; realmId: string };
type Decision = { status: "NORMALISED" | "IGNORED"; outcome: string };

export async function readBackNotification(ctx: ListenBackCtx, input: { inboundEventId: string }): Promise<ReadBackResult> {
  const inbound = await db.inboundEvent.findFirst({ where: { id: input.inboundEventId, workspaceId: ctx.tenantId, source: "QUICKBOOKS" } });
  if (!inbound) return { status: "MISSING" };
  if (inbound.status === "NORMALISED" || inbound.status === "IGNORED") return { status: "ALREADY_PROCESSED" };

  const parsed = NotificationPayloadSchema.safeParse(inbound.payload);
  if (!parsed.success) return finish(inbound.id, { status: "IGNORED", outcome: "The stored notification is not in a shape Ledgerwire can read." }, 0);
  const notification = parsed.data;
  const connection = await db.qboConnection.findFirst({
    where: { workspaceId: ctx.tenantId, realmId: notification.realmId, status: { not: "DISCONNECTED" } },
    orderBy: { connectedAt: "desc" },
    select: { id: true, realmId: true },
  });
  if (!connection) return finish(inbound.id, { status: "IGNORED", outcome: `This workspace is no longer connected to QuickBooks company ${notification.realmId}.` }, 0);
  await noteNotification(ctx, connection.id);

  const reads = { count: 0, reader: null as QboReader | null };
  const read = async (entity: QboEntityName, id: string) => {
    reads.reader ??= await qboReaderFor(connection.id);
    reads.count += 1;
    return reads.reader.client.read(entity, id);
  };
  try {
    const decision = await decide(ctx, connection, notification, read, () => reads.reader?.lastIntuitTid() ?? null);
    return await finish(inbound.id, decision, reads.count);
  } catch (error) {
    if (error instanceof QboConnectionUnavailableError) {
      return finish(inbound.id, { status: "IGNORED", outcome: `${error.message} The catch-up reads what changed once it is reconnected.` }, reads.count);
    }
    throw error;
  }
}

type Read = (entity: QboEntityName, id: string) => Promise<{ Id: string; SyncToken: string; [key: string]: unknown }>;

async function decide(ctx: ListenBackCtx, connection: Connection, n: NotificationPayload, read: Read, intuitTid: () => string | null): Promise<Decision> {
  const xref = await db.qboCrossReference.findFirst({
    where: { workspaceId: ctx.tenantId, qboConnectionId: connection.id, entityType: n.entity, entityId: n.entityId },
    select: { id: true, qboUpdatedAt: true, qboDeletedAt: true },
  });
  if (xref) {
    if (n.operation === "Create") return { status: "NORMALISED", outcome: "Our own create, echoed back." };
    if (n.operation === "Emailed") return { status: "IGNORED", outcome: "Emailing a transaction changes nothing in the books." };
    if (xref.qboDeletedAt) return { status: "NORMALISED", outcome: "Already known to be deleted in QuickBooks." };
    if (n.operation === "Delete") return applied(await applyVersion(ctx, { crossReferenceId: xref.id, version: { deleted: true, at: n.occurredAt }, via: "webhook", intuitTid: null }));
    if (xref.qboUpdatedAt && wholeSecond(n.occurredAt) <= xref.qboUpdatedAt) return { status: "NORMALISED", outcome: "This change was already read back." };
    if (!Object.hasOwn(ENTITY_SCHEMAS, n.entity)) return { status: "IGNORED", outcome: `Ledgerwire cannot read ${n.entity} records.` };
    if (await ourPaymentApplied(ctx, connection.id, n)) {
      return { status: "NORMALISED", outcome: "Most likely our own payment being applied to it; the next catch-up compares it without a read of its own." };
    }
    let entity;
    try {
      entity = await read(n.entity as QboEntityName, n.entityId);
    } catch (error) {
      // 610: it no longer exists (deleted since the notification was sent).
      if (!(error instanceof QboError) || error.code !== "610") throw error;
      return applied(await applyVersion(ctx, { crossReferenceId: xref.id, version: { deleted: true, at: null }, via: "webhook", intuitTid: error.intuitTid }));
    }
    return applied(await applyVersion(ctx, { crossReferenceId: xref.id, version: { deleted: false, entity, operation: n.operation }, via: "webhook", intuitTid: intuitTid() }));
  }

  if (isCachedEntity(n.entity)) {
    if (!(await hasReferenceCache(connection.id))) return { status: "IGNORED", outcome: "The company's accounts, items and tax codes are not cached yet; the mapping page reads them all when first opened." };
    if (n.operation === "Merge" && n.deletedId) await deactivateReferenceRow(connection, n.entity, n.deletedId);
    if (n.operation === "Delete") {
      await deactivateReferenceRow(connection, n.entity, n.entityId);
      return { status: "NORMALISED", outcome: `Cached ${n.entity} ${n.entityId} marked inactive.` };
    }
    const refreshedAt = await cachedRowRefreshedAt(connection.id, n.entity, n.entityId);
    if (refreshedAt && refreshedAt >= n.occurredAt) return { status: "NORMALISED", outcome: "The cached row is newer than this change." };
    await refreshReferenceRow(connection, n.entity, await read(n.entity, n.entityId));
    return { status: "NORMALISED", outcome: `Cached ${n.entity} ${n.entityId} refreshed.` };
  }
  if (isReferenceEntity(n.entity)) {
    forget(connection, n.entity);
    return { status: "NORMALISED", outcome: `This process's cached ${n.entity} list was dropped; it is read again when next needed.` };
  }
  return { status: "IGNORED", outcome: `Ledgerwire did not post this ${n.entity} and keeps no copy of it.` };
}

/** Documents QuickBooks updates itself (Balance, LinkedTxn) when a payment is applied to them. */
const PAID_DOCUMENTS = new Set(["Invoice", "CreditMemo"]);

/**
 * QuickBooks updates an invoice (new SyncToken, an Update notification) when a payment is applied to it, and
 * Ledgerwire posts that payment itself when sales are booked as Invoice + Payment. Reading every such invoice
 * back would cost a metered read per sale for nothing, so an update within a couple of minutes of one of our
 * payments to the same company is left to the CDC catch-up, which sees the SyncToken in its one read per run
 * and flags drift all the same (within the hour) if an accountant did change the amounts.
 */
async function ourPaymentApplied(ctx: ListenBackCtx, qboConnectionId: string, n: NotificationPayload): Promise<boolean> {
  if (n.operation !== "Update" || !PAID_DOCUMENTS.has(n.entity)) return false;
  const at = n.occurredAt.getTime();
  const payment = await db.qboCrossReference.findFirst({
    where: { workspaceId: ctx.tenantId, qboConnectionId, entityType: "Payment", createdAt: { gte: new Date(at - 120_000), lte: new Date(at + 60_000) } },
    select: { id: true },
  });
  return payment !== null;
}

/**
 * MetaData.LastUpdatedTime comes in whole seconds, notifications in milliseconds: a change at 10:00:05.768 is
 * the version stamped 10:00:05. (Two edits within one second, the read falling between them, would leave the
 * second to the catch-up, which compares SyncTokens.)
 */
function wholeSecond(at: Date): Date {
  return new Date(Math.floor(at.getTime() / 1000) * 1000);
}

function applied(outcome: ApplyOutcome): Decision {
  const text = { known: "Already known (our own write, or read before).", updated: "Cross-reference updated; the money is unchanged.", drift: "Drift flagged." } as const;
  return { status: "NORMALISED", outcome: text[outcome] };
}

async function finish(inboundEventId: string, decision: Decision, reads: number): Promise<ReadBackResult> {
  await db.inboundEvent.update({
    where: { id: inboundEventId },
    data: { status: decision.status, error: decision.status === "IGNORED" ? decision.outcome : null, processedAt: new Date() },
  });
  return { ...decision, reads };
}

/** After the job's last retry: FAILED with an exception, so the notification is not silently lost. */
export async function markReadBackFailed(ctx: ListenBackCtx, input: { inboundEventId: string; reason: string }): Promise<void> {
  await db.$transaction(async (tx) => {
    const updated = await tx.inboundEvent.updateMany({ where: { id: input.inboundEventId, workspaceId: ctx.tenantId }, data: { status: "FAILED", error: input.reason, processedAt: new Date() } });
    if (updated.count === 0) return;
    const message = `A change QuickBooks reported could not be read back (${input.reason}). The hourly catch-up will look at it again; nothing was booked or changed because of it.`;
    const open = await tx.syncException.findFirst({ where: { workspaceId: ctx.tenantId, inboundEventId: input.inboundEventId, status: "OPEN" }, select: { id: true } });
    if (open) await tx.syncException.update({ where: { id: open.id }, data: { message } });
    else await tx.syncException.create({ data: { workspaceId: ctx.tenantId, inboundEventId: input.inboundEventId, code: "QBO_READ_BACK_FAILED", message } });
  });
}
