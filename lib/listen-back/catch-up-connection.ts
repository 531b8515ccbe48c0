import type { Prisma } from "../db";
import { db } from "../db";
import type { CdcEntity, Deleted } from "../qbo/client";
import { QboConnectionUnavailableError } from "../qbo/token-manager";
import { applyVersion, qboTime, type QboRecord } from "./apply-version";
import { listenBackState, recordCatchUp } from "./listen-back-state";
import { qboReaderFor } from "./qbo-reader";
import { hasReferenceCache, refreshReferenceRow } from "./refresh-reference-row";
import type { ListenBackCtx } from "./read-back-notification";

// The CDC catch-up of one company: what QuickBooks changed since the watermark, in one metered read (more only
// when an entity hits QuickBooks' 1000 rows per answer), applied exactly as a read-back notification is. It is
// what makes listening back whole: webhooks are late (QuickBooks groups them for minutes), can be lost, and wait
// behind a failed one. Idempotent: each change is decided against the cross-reference's SyncToken under a lock,
// so an overlap with webhooks or an earlier run does nothing twice.

/** What Ledgerwire posts, and the reference data it caches (TaxCode is not in CDC; its webhooks still refresh it). */
export const CDC_ENTITIES = ["SalesReceipt", "Invoice", "Payment", "RefundReceipt", "CreditMemo", "Deposit", "JournalEntry", "Account", "Item"] as const satisfies readonly CdcEntity[];
const TRANSACTIONS = new Set<string>(["SalesReceipt", "Invoice", "Payment", "RefundReceipt", "CreditMemo", "Deposit", "JournalEntry"]);

/** Each catch-up asks again from a little before the watermark: clocks differ, and re-applying is harmless. */
export const OVERLAP_MS = 5 * 60_000;
/** QuickBooks answers CDC for at most 30 days back; ask from an hour inside that, so clock skew is no fault. */
export const CDC_WINDOW_MS = 30 * 24 * 3600_000 - 3600_000;
/** The daily run looks back a whole day (and a bit) whatever the watermark says. */
const DAILY_LOOKBACK_MS = 25 * 3600_000;
/** A notification still unread this long after it arrived is taken as covered by the catch-up. */
const STRANDED_AFTER_MS = 10 * 60_000;
const MAX_PER_ENTITY = 1000;
const MAX_ROUNDS = 10;

export type CatchUpMode = "hourly" | "daily" | "gap";

export type CatchUpResult =
  | { status: "SKIPPED"; reason: string }
  | { status: "DONE"; since: string; through: string; capped: boolean; reads: number; rows: number; drift: number; cacheRows: number; notificationsClosed: number };

function isDeleted(row: unknown): row is Deleted {
  return typeof row === "object" && row !== null && (row as { status?: unknown }).status === "Deleted";
}

export async function catchUpConnection(ctx: ListenBackCtx, input: { qboConnectionId: string; mode: CatchUpMode; now?: Date }): Promise<CatchUpResult> {
  const now = input.now ?? new Date();
  const connection = await db.qboConnection.findFirst({
    where: { id: input.qboConnectionId, workspaceId: ctx.tenantId },
    select: { id: true, realmId: true, status: true, companyName: true, connectedAt: true },
  });
  if (!connection) return { status: "SKIPPED", reason: "No such connection in this workspace." };
  if (connection.status === "DISCONNECTED" || connection.status === "NEEDS_RECONNECT") return { status: "SKIPPED", reason: `The connection is ${connection.status.toLowerCase()}.` };

  const state = await listenBackState(connection.id);
  let wanted = new Date((state.cdcThrough ?? connection.connectedAt).getTime() - OVERLAP_MS);
  if (input.mode === "daily") wanted = new Date(Math.min(wanted.getTime(), now.getTime() - DAILY_LOOKBACK_MS));
  const oldest = new Date(now.getTime() - CDC_WINDOW_MS);
  const capped = wanted < oldest;
  let since = capped ? oldest : wanted;
  if (capped) await reportWindowExceeded(ctx, connection, wanted, oldest);

  let reader;
  try {
    reader = await qboReaderFor(connection.id);
  } catch (error) {
    if (error instanceof QboConnectionUnavailableError) return { status: "SKIPPED", reason: error.message };
    throw error;
  }
  const tally = { reads: 0, rows: 0, drift: 0, cacheRows: 0 };
  const firstSince = since;
  let through = since;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const askedAt = new Date();
    const changes = await reader.client.cdc([...CDC_ENTITIES], since);
    tally.reads += 1;
    const fullEntities: Date[] = [];
    for (const entity of CDC_ENTITIES) {
      const rows = changes[entity] as Array<QboRecord | Deleted>;
      tally.rows += rows.length;
      if (TRANSACTIONS.has(entity)) tally.drift += await applyTransactions(ctx, connection.id, entity, rows, reader.lastIntuitTid());
      else tally.cacheRows += await applyReferenceRows(connection, entity as "Account" | "Item", rows);
      if (rows.length >= MAX_PER_ENTITY) {
        const newest = Math.max(...rows.map((r) => qboTime(r.MetaData?.LastUpdatedTime)?.getTime() ?? 0));
        fullEntities.push(new Date(newest));
      }
    }
    // A full answer was cut at its newest rows: ask again from the oldest cut, which repeats some rows (harmless).
    if (fullEntities.length === 0) {
      through = askedAt;
      break;
    }
    const next = new Date(Math.min(...fullEntities.map((d) => d.getTime())));
    through = next;
    if (next <= since) break;
    since = next;
  }

  await recordCatchUp(ctx, connection.id, { cdcThrough: through, daily: input.mode === "daily", at: now });
  const notificationsClosed = await closeCoveredNotifications(ctx, connection.realmId, new Date(Math.min(through.getTime(), now.getTime()) - STRANDED_AFTER_MS));
  return { status: "DONE", since: firstSince.toISOString(), through: through.toISOString(), capped, ...tally, notificationsClosed };
}

async function applyTransactions(ctx: ListenBackCtx, qboConnectionId: string, entityType: string, rows: Array<QboRecord | Deleted>, intuitTid: string | null): Promise<number> {
  if (rows.length === 0) return 0;
  const xrefs = await db.qboCrossReference.findMany({
    where: { workspaceId: ctx.tenantId, qboConnectionId, entityType, entityId: { in: rows.map((r) => r.Id) } },
    select: { id: true, entityId: true, syncToken: true, qboDeletedAt: true },
  });
  const byId = new Map(xrefs.map((x) => [x.entityId, x]));
  let drift = 0;
  for (const row of rows) {
    const xref = byId.get(row.Id);
    // Not ours (an accountant's own transaction), or a version we already have: nothing to do, nothing read.
    if (!xref) continue;
    if (isDeleted(row)) {
      if (xref.qboDeletedAt) continue;
      const outcome = await applyVersion(ctx, { crossReferenceId: xref.id, version: { deleted: true, at: qboTime(row.MetaData?.LastUpdatedTime) }, via: "cdc", intuitTid });
      if (outcome === "drift") drift += 1;
      continue;
    }
    if (row.SyncToken === xref.syncToken) continue;
    const outcome = await applyVersion(ctx, { crossReferenceId: xref.id, version: { deleted: false, entity: row }, via: "cdc", intuitTid });
    if (outcome === "drift") drift += 1;
  }
  return drift;
}

async function applyReferenceRows(connection: { id: string; realmId: string }, entity: "Account" | "Item", rows: Array<QboRecord | Deleted>): Promise<number> {
  const live = rows.filter((r): r is QboRecord => !isDeleted(r));
  if (live.length === 0 || !(await hasReferenceCache(connection.id))) return 0;
  // Accounts first within a run (the caller's order), so items take their income account's new type.
  for (const row of live) await refreshReferenceRow(connection, entity, row);
  return live.length;
}

/** Notifications nobody read back (a lost job run) whose changes this catch-up has applied: closed with the reason. */
async function closeCoveredNotifications(ctx: ListenBackCtx, realmId: string, receivedBefore: Date): Promise<number> {
  return db.$executeRaw`
    UPDATE "InboundEvent" SET status = 'IGNORED', error = ${"Not read back in time; the CDC catch-up applied this change instead."}, "processedAt" = now()
    WHERE "workspaceId" = ${ctx.tenantId} AND source = 'QUICKBOOKS' AND status = 'RECEIVED' AND "receivedAt" < ${receivedBefore}
      AND payload->>'realmId' = ${realmId}`;
}

/** QuickBooks keeps 30 days of changes: a longer silence cannot be caught up, and a person must know. */
async function reportWindowExceeded(ctx: ListenBackCtx, connection: { id: string; companyName: string }, wanted: Date, oldest: Date): Promise<void> {
  const olderPostings = await db.qboCrossReference.count({ where: { workspaceId: ctx.tenantId, qboConnectionId: connection.id, createdAt: { lt: oldest } } });
  if (olderPostings === 0) return;
  const from = wanted.toISOString().slice(0, 16).replace("T", " ");
  const to = oldest.toISOString().slice(0, 16).replace("T", " ");
  const message =
    `Ledgerwire could not check ${connection.companyName} for changes made in QuickBooks between ${from} and ${to} UTC: QuickBooks keeps its change history for 30 days only. ` +
    "Edits, voids or deletions of transactions Ledgerwire posted made in that time are not flagged; run a reconciliation for those dates to find them.";
  const details = { from: wanted.toISOString(), to: oldest.toISOString() } as Prisma.InputJsonValue;
  const open = await db.syncException.findFirst({ where: { workspaceId: ctx.tenantId, qboConnectionId: connection.id, code: "QBO_CDC_WINDOW_EXCEEDED", status: "OPEN" }, select: { id: true } });
  if (open) await db.syncException.update({ where: { id: open.id }, data: { message, details } });
  else await db.syncException.create({ data: { workspaceId: ctx.tenantId, qboConnectionId: connection.id, code: "QBO_CDC_WINDOW_EXCEEDED", message, details } });
}
