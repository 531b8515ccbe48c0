import { CanonicalEventSchema, formatMinorUnits } from "../canonical";
import { db } from "../db";
import { AppError } from "../errors/app-error";
import { planPostings } from "../ledger";
import { ledgerFacts } from "./company-facts";
import { findMappingConnection, type MappingCtx } from "./context";
import { listReferenceData } from "./list-reference-data";
import { PreviewPostingSchema, type PreviewPosting } from "./schemas";
import type { MappingSettings } from "./settings";
import { toLedgerMapping } from "./to-ledger-mapping";

// What a version would post for one event, without sending anything: the plan from lib/ledger, each line with
// its account's name from the cache, the raw QuickBooks bodies, the problems as sentences, and the version's
// settings (which decide whether a refund is a RefundReceipt or a CreditMemo).

export type PreviewLine = { category: string; accountId: string | null; account: string; debit: string; credit: string };
export type PreviewedPosting = { target: string; entityType: string; requestId: string; total: string; currency: string; lines: PreviewLine[]; body: Record<string, unknown>; notes: string[] };
export type PreviewResult = { version: number; settings: MappingSettings; event: { kind: string; source: string; amount: string; currency: string }; ok: boolean; problems: string[]; postings: PreviewedPosting[] };

const PICKED_BY_QUICKBOOKS: Record<string, string> = { "accounts-receivable": "Accounts Receivable (QuickBooks picks it)" };

export async function previewPosting(ctx: MappingCtx, input: PreviewPosting): Promise<PreviewResult> {
  const parsed = PreviewPostingSchema.parse(input);
  const connection = await findMappingConnection(ctx, { qboConnectionId: parsed.qboConnectionId });
  const version = await db.mappingVersion.findFirst({
    where: { qboConnectionId: connection.id, workspaceId: ctx.tenantId, ...(parsed.versionId ? { id: parsed.versionId } : { status: "ACTIVE" }) },
    include: { rules: true },
  });
  if (!version) throw new AppError("NOT_FOUND", parsed.versionId ? "There is no such mapping version for this QuickBooks company." : "No mapping is active yet: save a version and preview with it.");

  let raw: unknown = parsed.event;
  if (parsed.canonicalEventId) {
    const stored = await db.canonicalEvent.findFirst({ where: { id: parsed.canonicalEventId, workspaceId: ctx.tenantId }, select: { data: true } });
    if (!stored) throw new AppError("NOT_FOUND", "There is no such event in this workspace.");
    raw = stored.data;
  }
  // A pasted event that does not fit answers 422 with the path of every wrong field.
  const event = CanonicalEventSchema.parse(raw);

  const reference = await listReferenceData(ctx, { qboConnectionId: connection.id });
  const names = new Map(reference.rows.filter((r) => r.entity === "Account").map((r) => [r.qboId, r.name]));
  const mapping = toLedgerMapping(version);
  const result = planPostings(event, mapping, ledgerFacts(connection, reference.country));
  const summary = { kind: event.kind, source: event.source, amount: formatMinorUnits(event.amountMinor, event.currency), currency: event.currency };
  if (!result.ok) return { version: version.version, settings: mapping.settings, event: summary, ok: false, problems: result.problems.map((p) => p.message), postings: [] };
  return {
    version: version.version,
    settings: mapping.settings,
    event: summary,
    ok: true,
    problems: [],
    postings: result.plan.postings.map((p) => ({
      target: p.target,
      entityType: p.entityType,
      requestId: p.requestId,
      total: formatMinorUnits(p.amountMinor, p.currency),
      currency: p.currency,
      notes: p.notes,
      body: p.body,
      lines: p.lines.map((l) => ({
        category: l.category,
        accountId: l.qboAccountId ?? null,
        account: l.qboAccountId ? (names.get(l.qboAccountId) ?? `account ${l.qboAccountId}`) : (PICKED_BY_QUICKBOOKS[l.category] ?? `${l.category} (QuickBooks picks it)`),
        debit: l.debitMinor ? formatMinorUnits(l.debitMinor, p.currency) : "",
        credit: l.creditMinor ? formatMinorUnits(l.creditMinor, p.currency) : "",
      })),
    })),
  };
}
