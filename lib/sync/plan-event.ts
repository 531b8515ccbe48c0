import { isDeepStrictEqual } from "node:util";
import { CanonicalEventSchema } from "../canonical";
import { recordAudit } from "../audit/record-audit";
import { db, type Prisma } from "../db";
import { kickDispatcher } from "../jobs/dispatch";
import { enqueueEvent, outboxEventId } from "../jobs/outbox";
import { EVENT_NOT_PLANNED } from "../jobs/sweep-exception-codes";
import { planPostings, type PlannedPosting, type Problem } from "../ledger";
import { openException } from "./open-exception";
import { relatedEvents } from "./related-events";
import { findTarget } from "./target-connection";

// Step 2 of the pipeline: plan one canonical event with the active mapping of its QuickBooks company and store
// the postings, PENDING (or HELD above the workspace's threshold, or SKIPPED in shadow mode), in one
// transaction with the kick for the company's drainer. Idempotent: a replayed event finds its postings and
// changes nothing; an event changed while none of its postings has been sent is planned again. A plan the
// ledger refuses, or a workspace with nowhere to post, becomes an exception a finance person can act on.

export type SyncCtx = { tenantId: string };

export type PlanOutcome =
  | { status: "PLANNED"; qboConnectionId: string; postings: number; held: number; shadow: boolean }
  | { status: "UNCHANGED" | "NOT_PENDING" | "MISSING" | "NOTHING_TO_POST" }
  | { status: "EXCEPTION" | "WAITING"; code: string };

const SETTLED = new Set(["POSTING", "POSTED", "VOIDED"]);
const SYSTEM = { type: "SYSTEM" as const, label: "sync pipeline" };
/** How long a payout or refund waits for the events it settles or reverses before posting without them. */
export const RELATED_WAIT_MS = 15 * 60_000;

export async function planEvent(ctx: SyncCtx, input: { canonicalEventId: string }): Promise<PlanOutcome> {
  const stored = await db.canonicalEvent.findFirst({ where: { id: input.canonicalEventId, workspaceId: ctx.tenantId } });
  if (!stored) return { status: "MISSING" };
  if (stored.status !== "PENDING" && !(stored.status === "FAILED" && (await givenUpBySweep(stored.id)))) return { status: "NOT_PENDING" };
  const event = CanonicalEventSchema.parse(stored.data);

  const inbound = await db.inboundEvent.findUnique({ where: { id: stored.inboundEventId }, select: { sourceConnectionId: true } });
  const target = await findTarget(ctx.tenantId, inbound?.sourceConnectionId);
  // A paused source's events stay PENDING with no exception: the sweep plans them again once it is resumed.
  if (!target.ok && target.code === "SOURCE_PAUSED") return { status: "WAITING", code: target.code };
  if (!target.ok) {
    await db.$transaction((tx) => fail(tx, ctx.tenantId, stored.id, { code: target.code, message: target.message, suggestedFix: target.suggestedFix, qboConnectionId: target.qboConnectionId ?? null }));
    return { status: "EXCEPTION", code: target.code };
  }
  const related = await relatedEvents(ctx.tenantId, stored.id, event);
  const result = planPostings(event, target.mapping, target.facts, related.options);
  if (!result.ok) {
    await db.$transaction((tx) => fail(tx, ctx.tenantId, stored.id, { ...planProblem(result.problems), qboConnectionId: target.connection.id, details: { problems: result.problems, mappingVersionId: target.mappingVersionId } }));
    return { status: "EXCEPTION", code: "PLAN_REFUSED" };
  }
  const planned = result.plan.postings;
  const workspace = await db.workspace.findUniqueOrThrow({ where: { id: ctx.tenantId }, select: { holdThresholdMinor: true, holdTimeoutHours: true } });

  const outcome = await db.$transaction(async (tx) => {
    // Serialises plans of one event (a replay racing the first run): the second sees the first's postings.
    const [locked] = await tx.$queryRaw<{ status: string }[]>`SELECT status FROM "CanonicalEvent" WHERE id = ${stored.id} FOR UPDATE`;
    // The sweep may have given up on it while this run was late (before it was read, or since): it is PENDING again.
    if (locked?.status === "FAILED") {
      const { count } = await tx.canonicalEvent.updateMany({ where: { id: stored.id, status: "FAILED", exceptions: { some: GIVEN_UP_BY_SWEEP } }, data: { status: "PENDING" } });
      if (count === 0) return { status: "NOT_PENDING" as const };
    }
    const existing = await tx.posting.findMany({ where: { canonicalEventId: stored.id }, select: { id: true, target: true, status: true, sentAt: true, body: true } });
    // What was sent (or may have been) stays as it is; what was never sent follows the plan of today.
    const kept = existing.filter((p) => SETTLED.has(p.status) || p.sentAt !== null);
    const replaceable = existing.filter((p) => !kept.includes(p));
    const unchanged = kept.length > 0 ? planned.every((p) => kept.some((k) => k.target === p.target)) : existing.length > 0 && samePlan(existing, planned);
    if (unchanged) return { status: "UNCHANGED" as const };
    if (replaceable.length > 0) await tx.posting.deleteMany({ where: { id: { in: replaceable.map((p) => p.id) } } });
    const toCreate = planned.map((p, position) => ({ p, position })).filter(({ p }) => !kept.some((k) => k.target === p.target));
    if (planned.length === 0) {
      await tx.canonicalEvent.update({ where: { id: stored.id }, data: { status: "SKIPPED" } });
      await resolveExceptions(tx, stored.id);
      return { status: "NOTHING_TO_POST" as const };
    }
    // After a person retried (a fixed mapping, a reopened period), the writes are new to QuickBooks: it keeps
    // the answer of a requestid, refusals included, so a retried write carries a retry suffix.
    const retries = (await tx.syncException.aggregate({ where: { canonicalEventId: stored.id }, _sum: { retryCount: true } }))._sum.retryCount ?? 0;
    const shadow = target.connection.shadowMode;
    const now = new Date();
    const threshold = workspace.holdThresholdMinor;
    let held = 0;
    for (const { p, position } of toCreate) {
      const hold = !shadow && threshold !== null && BigInt(p.amountMinor) >= threshold;
      if (hold) held += 1;
      const created = await tx.posting.create({
        data: {
          workspaceId: ctx.tenantId,
          canonicalEventId: stored.id,
          qboConnectionId: target.connection.id,
          mappingVersionId: target.mappingVersionId,
          target: p.target,
          entityType: p.entityType,
          requestId: retries > 0 ? `${p.requestId}-r${retries}` : p.requestId,
          amountMinor: BigInt(p.amountMinor),
          currency: p.currency,
          body: p.body as Prisma.InputJsonValue,
          dependsOn: p.dependsOn as Prisma.InputJsonValue,
          position,
          waitsForEventIds: related.waitsForEventIds,
          waitsUntil: related.waitsForEventIds.length ? new Date(now.getTime() + RELATED_WAIT_MS) : null,
          shadow,
          status: shadow ? "SKIPPED" : hold ? "HELD" : "PENDING",
          ...(hold ? { heldReason: `At or above the workspace's approval threshold.`, heldAt: now, holdExpiresAt: new Date(now.getTime() + workspace.holdTimeoutHours * 3_600_000) } : {}),
        },
        select: { id: true },
      });
      if (hold) {
        await recordAudit(tx, { workspaceId: ctx.tenantId, actor: SYSTEM, action: "posting.held", target: { type: "Posting", id: created.id }, after: { status: "HELD", target: p.target, amountMinor: p.amountMinor, currency: p.currency } });
      }
    }
    await resolveExceptions(tx, stored.id);
    if (shadow) await tx.canonicalEvent.update({ where: { id: stored.id }, data: { status: "SKIPPED" } });
    else if (held === toCreate.length && kept.length === 0) await tx.canonicalEvent.update({ where: { id: stored.id }, data: { status: "HELD" } });
    if (!shadow && held < toCreate.length) await enqueueKick(tx, ctx.tenantId, target.connection.id, `${stored.id}:${stored.updatedAt.getTime()}`);
    return { status: "PLANNED" as const, qboConnectionId: target.connection.id, postings: toCreate.length, held, shadow };
  });
  if (outcome.status === "PLANNED") kickDispatcher();
  return outcome;
}

/** The drainer's kick for a company, written with the change that made postings ready. */
export async function enqueueKick(tx: Prisma.TransactionClient, workspaceId: string, qboConnectionId: string, why: string): Promise<void> {
  await enqueueEvent(tx, { id: outboxEventId("sync/postings.ready", qboConnectionId, why), name: "sync/postings.ready", workspaceId, data: { workspaceId, qboConnectionId } });
}

/**
 * The sweep marks an event FAILED only because no plan ran in time (lib/jobs/sweep-stranded-events.ts): a run that
 * arrives late, or a person's retry, plans it as usual and resolves that exception, as a late normalisation does
 * for an inbound event.
 */
const GIVEN_UP_BY_SWEEP = { postingId: null, code: EVENT_NOT_PLANNED, status: "OPEN" } satisfies Prisma.SyncExceptionWhereInput;
async function givenUpBySweep(canonicalEventId: string): Promise<boolean> {
  return (await db.syncException.count({ where: { canonicalEventId, ...GIVEN_UP_BY_SWEEP } })) > 0;
}

/** A retried event-level exception (no mapping, no connection, a plan refused) is resolved by a plan that works. */
async function resolveExceptions(tx: Prisma.TransactionClient, canonicalEventId: string) {
  await tx.syncException.updateMany({ where: { canonicalEventId, postingId: null, status: { in: ["OPEN", "RETRYING"] } }, data: { status: "RESOLVED", resolvedAt: new Date(), resolution: "Planned" } });
}

function samePlan(existing: { target: string; body: unknown }[], planned: PlannedPosting[]): boolean {
  if (existing.length !== planned.length) return false;
  const byTarget = new Map(existing.map((p) => [p.target, p.body]));
  // jsonb keeps no key order: compare as values.
  return planned.every((p) => isDeepStrictEqual(byTarget.get(p.target), JSON.parse(JSON.stringify(p.body))));
}

function planProblem(problems: Problem[]): { code: string; message: string; suggestedFix: string } {
  const first = problems[0]!;
  const mapping = problems.some((p) => p.category);
  return {
    code: `PLAN_${first.code}`,
    message: problems.map((p) => p.message).join(" "),
    suggestedFix: mapping ? "Fix the mapping for the categories named, activate it, then use \"Retry after mapping change\"." : "Check the event at its source; once corrected there, retry this exception.",
  };
}

async function fail(tx: Prisma.TransactionClient, workspaceId: string, canonicalEventId: string, input: { code: string; message: string; suggestedFix: string; qboConnectionId?: string | null; details?: Record<string, unknown> }) {
  await tx.canonicalEvent.update({ where: { id: canonicalEventId }, data: { status: "FAILED" } });
  await openException(tx, { workspaceId, canonicalEventId, ...input });
}
