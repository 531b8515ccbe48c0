import { formatMinorUnits } from "../canonical";
import { db } from "../db";
import type { MappingCtx } from "./context";

export type PreviewEventOption = { id: string; kind: string; source: string; occurredAt: string; amount: string; currency: string };

/** The workspace's most recent canonical events, to preview a mapping with. */
export async function listPreviewEvents(ctx: MappingCtx, input: { take?: number } = {}): Promise<PreviewEventOption[]> {
  const rows = await db.canonicalEvent.findMany({
    where: { workspaceId: ctx.tenantId, workspace: { memberships: { some: { userId: ctx.user.id } } }, kind: { not: "CUSTOMER_UPSERT" } },
    orderBy: { occurredAt: "desc" },
    take: Math.min(Math.max(input.take ?? 25, 1), 100),
    select: { id: true, kind: true, occurredAt: true, amountMinor: true, currency: true, inboundEvent: { select: { source: true } } },
  });
  return rows.map((r) => ({ id: r.id, kind: r.kind, source: r.inboundEvent.source, occurredAt: r.occurredAt.toISOString(), amount: formatMinorUnits(Number(r.amountMinor), r.currency.trim()), currency: r.currency.trim() }));
}
