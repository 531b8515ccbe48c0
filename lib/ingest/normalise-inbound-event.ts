import { isDeepStrictEqual } from "node:util";
import { canonicalKey, type CanonicalEvent } from "../canonical";
import { db } from "../db";
import type { Prisma } from "../db/generated/client";
import { AppError } from "../errors/app-error";
import { kickDispatcher } from "../jobs/dispatch";
import { enqueueEvent, outboxEventId } from "../jobs/outbox";
import { classifyFailure } from "../sync/classify-failure";
import { deriveCanonical, type DeriveOptions } from "./derive-canonical";
import { inboundPayload } from "./inbound-payload";

export type NormaliseResult =
  | { status: "NORMALISED"; created: number; updated: number; unchanged: number }
  | { status: "IGNORED"; reason: string }
  | { status: "FAILED"; reason: string }
  | { status: "MISSING" };

/** Errors worth trying again (Stripe down, rate limited, a balance transaction not there yet): lib/sync decides. */
export function isRetryable(error: unknown): boolean {
  return classifyFailure(error).retryable;
}

/**
 * Turns one stored inbound event into canonical events. Idempotent: each canonical event is keyed by business
 * identity (lib/canonical/key.ts), so running it again (a retried job, a replay) updates what is still pending
 * and never adds a second row. Events already posted are left as they are: a change after posting is a
 * correction for the ledger to book, not an edit to history. A payload that cannot be understood marks the
 * event FAILED with an exception a person can act on; a retryable error is thrown for the job to retry.
 */
export async function normaliseInboundEvent(input: { workspaceId: string; inboundEventId: string }, options: DeriveOptions = {}): Promise<NormaliseResult> {
  const inbound = await db.inboundEvent.findFirst({
    where: { id: input.inboundEventId, workspaceId: input.workspaceId },
    include: { delivery: { select: { headers: true, rawBody: true } } },
  });
  if (!inbound || !inbound.workspaceId) return { status: "MISSING" };
  const shopDomain = (inbound.delivery?.headers as Record<string, string> | undefined)?.["x-shopify-shop-domain"];

  let derived;
  try {
    derived = await deriveCanonical({ ...inbound, workspaceId: inbound.workspaceId, payload: inboundPayload(inbound), ...(shopDomain ? { shopDomain } : {}) }, options);
  } catch (error) {
    if (isRetryable(error)) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    await markFailed(input.workspaceId, inbound.id, reason, error instanceof AppError ? error.details : undefined);
    return { status: "FAILED", reason };
  }

  if (derived.events.length === 0) {
    const reason = derived.ignoredBecause ?? "Nothing to book.";
    await db.$transaction(async (tx) => {
      await tx.inboundEvent.update({ where: { id: inbound.id }, data: { status: "IGNORED", error: reason, processedAt: new Date() } });
      await resolveEventExceptions(tx, input.workspaceId, inbound.id, "nothing in it is booked");
    });
    return { status: "IGNORED", reason };
  }
  const counts = await db.$transaction(async (tx) => {
    const tally = { created: 0, updated: 0, unchanged: 0 };
    for (const event of derived.events) tally[await upsertCanonical(tx, input.workspaceId, inbound.id, event)] += 1;
    await tx.inboundEvent.update({ where: { id: inbound.id }, data: { status: "NORMALISED", error: null, processedAt: new Date() } });
    await resolveEventExceptions(tx, input.workspaceId, inbound.id, "it is booked");
    return tally;
  });
  // The sync pipeline's events are in the outbox: send them now rather than at the next scheduled re-send.
  if (counts.created + counts.updated > 0) kickDispatcher();
  return { status: "NORMALISED", ...counts };
}

async function upsertCanonical(tx: Prisma.TransactionClient, workspaceId: string, inboundEventId: string, event: CanonicalEvent) {
  const idempotencyKey = canonicalKey(event);
  const fields = {
    kind: event.kind,
    occurredAt: new Date(event.occurredAt),
    amountMinor: BigInt(event.amountMinor),
    currency: event.currency,
    data: event as unknown as Prisma.InputJsonValue,
  };
  const existing = await tx.canonicalEvent.findUnique({ where: { workspaceId_idempotencyKey: { workspaceId, idempotencyKey } } });
  if (!existing) {
    // Concurrent derivations of the same key (two deliveries of one order) meet at the unique index.
    const [created] = await tx.canonicalEvent.createManyAndReturn({ data: [{ workspaceId, inboundEventId, idempotencyKey, ...fields }], skipDuplicates: true, select: { id: true, updatedAt: true } });
    if (!created) return "unchanged" as const;
    await enqueueReady(tx, workspaceId, created);
    return "created" as const;
  }
  // jsonb keeps no key order, so compare as values (through JSON, which drops undefined keys as jsonb does).
  if (existing.status !== "PENDING" || isDeepStrictEqual(existing.data, JSON.parse(JSON.stringify(event)))) return "unchanged" as const;
  const updated = await tx.canonicalEvent.update({ where: { id: existing.id }, data: { ...fields, inboundEventId }, select: { id: true, updatedAt: true } });
  await enqueueReady(tx, workspaceId, updated);
  return "updated" as const;
}

/** The sync pipeline plans (or re-plans) the event: one outbox event per version of it, in the same transaction. */
async function enqueueReady(tx: Prisma.TransactionClient, workspaceId: string, event: { id: string; updatedAt: Date }) {
  await enqueueEvent(tx, {
    id: outboxEventId("sync/event.ready", event.id, String(event.updatedAt.getTime())),
    name: "sync/event.ready",
    workspaceId,
    data: { workspaceId, canonicalEventId: event.id },
  });
}

/** Marks the event FAILED and opens (once) an exception a finance person can act on. */
export async function markFailed(workspaceId: string, inboundEventId: string, reason: string, details?: Record<string, unknown>) {
  await db.$transaction(async (tx) => {
    // Scoped to the tenant: an id from another workspace changes nothing (issue 17).
    const { count } = await tx.inboundEvent.updateMany({ where: { id: inboundEventId, workspaceId }, data: { status: "FAILED", error: reason, processedAt: new Date() } });
    if (count === 0) return;
    const open = await tx.syncException.findFirst({ where: { workspaceId, inboundEventId, status: "OPEN" }, select: { id: true } });
    const data = { code: "EVENT_NOT_UNDERSTOOD", message: reason, details: (details ?? {}) as Prisma.InputJsonValue };
    if (open) await tx.syncException.update({ where: { id: open.id }, data });
    else await tx.syncException.create({ data: { workspaceId, inboundEventId, ...data } });
  });
}

/**
 * A later run that processes the event (a slow run the sweep gave up on, a replay once the cause was fixed)
 * resolves the exceptions that were about processing it, so nobody is left an OPEN item for a booked event.
 * Exceptions about its canonical events or postings are the sync pipeline's and stay as they are.
 */
async function resolveEventExceptions(tx: Prisma.TransactionClient, workspaceId: string, inboundEventId: string, outcome: string) {
  await tx.syncException.updateMany({
    where: { workspaceId, inboundEventId, canonicalEventId: null, postingId: null, status: { in: ["OPEN", "RETRYING"] } },
    data: { status: "RESOLVED", resolvedAt: new Date(), resolution: `The event was processed after all (${outcome}); nothing is left to do.` },
  });
}
