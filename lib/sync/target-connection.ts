import { db } from "../db";
import { ledgerFacts } from "../mappings/company-facts";
import { toLedgerMapping } from "../mappings/to-ledger-mapping";
import type { CompanyFacts, Mapping } from "../ledger";

// Where a canonical event posts: the workspace's connected QuickBooks company with an ACTIVE mapping (the most
// recently connected when there are several), its mapping as lib/ledger reads it, and the company's facts from
// the reference-data cache. No QuickBooks call: planning must not spend the company's budget.

export type Target =
  | { ok: true; connection: { id: string; realmId: string; shadowMode: boolean; status: string }; mappingVersionId: string; mapping: Mapping; facts: CompanyFacts }
  | { ok: false; code: "NO_QBO_CONNECTION" | "NO_ACTIVE_MAPPING"; message: string; suggestedFix: string; qboConnectionId?: string };

export async function findTarget(workspaceId: string): Promise<Target> {
  const connections = await db.qboConnection.findMany({
    where: { workspaceId, status: { not: "DISCONNECTED" } },
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
  const chosen = connections.find((c) => c.mappingVersions.length > 0);
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
