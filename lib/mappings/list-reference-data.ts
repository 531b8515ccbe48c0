import { db } from "../db";
import type { ReferenceRow } from "./choices";
import { findMappingConnection, type MappingCtx } from "./context";
import { COMPANY_ROW, refreshReferenceData } from "./refresh-reference-data";

export type ReferenceData = { rows: ReferenceRow[]; country: string; refreshedAt: Date | null };

/** The cached accounts, items and tax codes of the connection's company; read from QuickBooks the first time. */
export async function listReferenceData(ctx: MappingCtx, input: { qboConnectionId?: string }): Promise<ReferenceData> {
  const connection = await findMappingConnection(ctx, input);
  let rows = await read(connection.id);
  if (rows.length === 0) {
    await refreshReferenceData(ctx, { qboConnectionId: connection.id });
    rows = await read(connection.id);
  }
  const company = rows.find((r) => r.entity === COMPANY_ROW.entity);
  return {
    rows: rows.filter((r) => r.entity !== COMPANY_ROW.entity),
    country: company?.name ?? "US",
    refreshedAt: rows.reduce<Date | null>((latest, r) => (!latest || r.refreshedAt > latest ? r.refreshedAt : latest), null),
  };
}

function read(qboConnectionId: string) {
  return db.qboReferenceRow.findMany({
    where: { qboConnectionId },
    orderBy: [{ entity: "asc" }, { name: "asc" }],
    select: { entity: true, qboId: true, name: true, accountType: true, accountSubType: true, incomeAccountId: true, active: true, refreshedAt: true },
  });
}
