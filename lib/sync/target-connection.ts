import { db } from "../db";
import { ledgerFacts } from "../mappings/company-facts";
import { toLedgerMapping } from "../mappings/to-ledger-mapping";
import type { CompanyFacts, Mapping } from "../ledger";
import { postingTargetForSource } from "../sources/manage/qbo-company";

// Where a canonical event posts: the QuickBooks company its source posts into (chosen with the source), else,
// for a source that names none, the workspace's only connected company with an ACTIVE mapping; its mapping as
// lib/ledger reads it, and the company's facts from the reference-data cache. No QuickBooks call: planning
// must not spend the company's budget. A paused source's events wait (the sweep offers them again).

export type Target =
  | { ok: true; connection: { id: string; realmId: string; shadowMode: boolean; status: string }; mappingVersionId: string; mapping: Mapping; facts: CompanyFacts }
  | { ok: false; code: "NO_QBO_CONNECTION" | "NO_ACTIVE_MAPPING" | "SOURCE_NOT_POSTING" | "SOURCE_PAUSED"; message: string; suggestedFix: string; qboConnectionId?: string };

export async function findTarget(workspaceId: string, sourceConnectionId?: string | null): Promise<Target> {
  let chosenId: string | undefined;
  if (sourceConnectionId) {
    const target = await postingTargetForSource(sourceConnectionId, workspaceId);
    if (target.post) chosenId = target.qboConnectionId;
    else if (target.reason === "PAUSED") return { ok: false, code: "SOURCE_PAUSED", message: target.message, suggestedFix: "Resume the source (Settings › Sources)." };
    else if (target.reason !== "NO_COMPANY") return { ok: false, code: "SOURCE_NOT_POSTING", message: target.message, suggestedFix: "Reconnect the source, then retry this exception, or ignore it with a reason." };
  }
  const connections = await db.qboConnection.findMany({
    where: { workspaceId, status: { not: "DISCONNECTED" }, ...(chosenId ? { id: chosenId } : {}) },
    orderBy: { connectedAt: "desc" },
    select: { id: true, realmId: true, shadowMode: true, status: true, homeCurrency: true, multicurrencyEnabled: true, mappingVersions: { where: { status: "ACTIVE" }, include: { rules: true }, take: 1 } },
  });
  if (connections.length === 0) {
    return {
      ok: false,
      code: "NO_QBO_CONNECTION",
      message: "This event could not be posted: the workspace is not connected to a QuickBooks company.",
      suggestedFix: "Connect QuickBooks (Connections), then retry this exception.",
    };
  }
  const mapped = connections.filter((c) => c.mappingVersions.length > 0);
  if (!chosenId && mapped.length > 1) {
    return {
      ok: false,
      code: "SOURCE_NOT_POSTING",
      message: "This event could not be posted: the workspace has several QuickBooks companies and its source names none.",
      suggestedFix: "Choose the QuickBooks company this source posts into (Settings › Sources), then retry this exception.",
    };
  }
  const chosen = mapped[0];
  if (!chosen) {
    return {
      ok: false,
      code: "NO_ACTIVE_MAPPING",
      message: "This event could not be posted: no account mapping is active for the connected QuickBooks company.",
      suggestedFix: "Map the source's categories to accounts and activate the mapping (Mappings), then retry this exception.",
      qboConnectionId: connections[0]!.id,
    };
  }
  const version = chosen.mappingVersions[0]!;
  const country = await db.qboReferenceRow.findUnique({ where: { qboConnectionId_entity_qboId: { qboConnectionId: chosen.id, entity: "CompanyInfo", qboId: "country" } }, select: { name: true } });
  return {
    ok: true,
    connection: { id: chosen.id, realmId: chosen.realmId, shadowMode: chosen.shadowMode, status: chosen.status },
    mappingVersionId: version.id,
    mapping: toLedgerMapping(version),
    facts: ledgerFacts(chosen, country?.name ?? "US"),
  };
}
