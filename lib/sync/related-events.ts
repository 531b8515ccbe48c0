import type { CanonicalEvent, CanonicalEventInput } from "../canonical";
import { db } from "../db";
import type { PlanOptions } from "../ledger";

// What the planner needs from other events, and what must post first:
//  - a refund: the sale it reverses (its lines are refunded in proportion), which posts before it;
//  - a payout: the charges, refunds and disputes it settles, which post before it when we have them (clearing
//    then holds their money); a transaction we never saw does not hold the payout: it posts against clearing
//    without it. A settled transaction whose own event carried no fee (Stripe keeps a EUR charge's fee in USD)
//    has its fee booked by the payout (lib/ledger plan/payout.ts, unbookedFeeSourceIds).

export type Related = { options: PlanOptions; waitsForEventIds: string[] };

type Row = { id: string; idempotencyKey: string; status: string; data: unknown };

const SETTLED_KINDS = ["sale", "payment", "refund", "chargeback_opened", "chargeback_won", "chargeback_lost", "fee"];

export async function relatedEvents(workspaceId: string, eventId: string, event: CanonicalEvent): Promise<Related> {
  const source = event.source.toLowerCase();
  if (event.kind === "REFUND") {
    const sale = await db.canonicalEvent.findUnique({ where: { workspaceId_idempotencyKey: { workspaceId, idempotencyKey: `${source}:sale:${event.originalSourceId}` } }, select: { id: true, data: true } });
    if (!sale) return { options: {}, waitsForEventIds: [] };
    return { options: { original: sale.data as CanonicalEventInput }, waitsForEventIds: [sale.id] };
  }
  if (event.kind === "PAYOUT" && event.transactions.length > 0) {
    const settled = event.transactions.filter((t) => t.type !== "fee");
    const keys = settled.flatMap((t) => SETTLED_KINDS.map((kind) => `${source}:${kind}:${t.sourceId}`));
    const rows: Row[] = keys.length ? await db.canonicalEvent.findMany({ where: { workspaceId, idempotencyKey: { in: keys }, id: { not: eventId } }, select: { id: true, idempotencyKey: true, status: true, data: true } }) : [];
    const bySourceId = new Map<string, Row[]>();
    for (const row of rows) {
      const sourceId = row.idempotencyKey.split(":").slice(2).join(":");
      bySourceId.set(sourceId, [...(bySourceId.get(sourceId) ?? []), row]);
    }
    const unbooked = settled.filter((t) => t.feeMinor !== 0 && (bySourceId.get(t.sourceId) ?? []).some((row) => !carriedFee(row.data))).map((t) => t.sourceId);
    return { options: { unbookedFeeSourceIds: unbooked }, waitsForEventIds: rows.map((r) => r.id) };
  }
  return { options: {}, waitsForEventIds: [] };
}

/** Whether the event booked its own fee (a fee amount it carried, even 0 when the processor kept none). */
function carriedFee(data: unknown): boolean {
  const event = data as { feeMinor?: number; feeReturnedMinor?: number; kind?: string };
  if (event.kind === "FEE") return true;
  return event.feeMinor !== undefined || event.feeReturnedMinor !== undefined;
}
