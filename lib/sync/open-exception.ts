import type { Prisma } from "../db";

// One OPEN exception per thing that failed (a posting, else a canonical event): a failure that happens again
// updates it, and counts, rather than opening a second one. Every exception says what a finance person can do.

export type ExceptionInput = {
  workspaceId: string;
  code: string;
  message: string;
  suggestedFix: string;
  canonicalEventId?: string | null;
  postingId?: string | null;
  qboConnectionId?: string | null;
  qboFaultCode?: string | null;
  intuitTid?: string | null;
  details?: Record<string, unknown>;
};

export async function openException(tx: Prisma.TransactionClient, input: ExceptionInput): Promise<{ id: string }> {
  const scope = input.postingId ? { postingId: input.postingId } : { canonicalEventId: input.canonicalEventId ?? null, postingId: null };
  const open = await tx.syncException.findFirst({ where: { workspaceId: input.workspaceId, status: { in: ["OPEN", "RETRYING"] }, ...scope }, select: { id: true } });
  const data = {
    code: input.code,
    message: input.message,
    suggestedFix: input.suggestedFix,
    qboFaultCode: input.qboFaultCode ?? null,
    intuitTid: input.intuitTid ?? null,
    details: (input.details ?? {}) as Prisma.InputJsonValue,
    status: "OPEN" as const,
  };
  if (open) return tx.syncException.update({ where: { id: open.id }, data, select: { id: true } });
  return tx.syncException.create({
    data: { workspaceId: input.workspaceId, canonicalEventId: input.canonicalEventId ?? null, postingId: input.postingId ?? null, qboConnectionId: input.qboConnectionId ?? null, ...data },
    select: { id: true },
  });
}
