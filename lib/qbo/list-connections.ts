import { db } from "../db";
import { usageToday } from "./usage";

/** The workspace's QuickBooks connections as the Connections page shows them. Never includes token material. */
export async function listConnections({ tenantId }: { tenantId: string }) {
  const rows = await db.qboConnection.findMany({
    where: { workspaceId: tenantId },
    orderBy: [{ status: "asc" }, { connectedAt: "desc" }],
    select: {
      id: true,
      environment: true,
      realmId: true,
      companyName: true,
      homeCurrency: true,
      status: true,
      accessTokenExpiresAt: true,
      refreshTokenExpiresAt: true,
      refreshTokenHardExpiresAt: true,
      lastRefreshedAt: true,
      lastSuccessfulCallAt: true,
      lastErrorCode: true,
      lastErrorMessage: true,
      connectedAt: true,
      disconnectedAt: true,
    },
  });
  const usage = await usageToday(rows.map((r) => r.id));
  return rows.map((row) => ({ ...row, callsToday: usage.get(row.id) ?? { reads: 0, writes: 0 } }));
}

export type ConnectionView = Awaited<ReturnType<typeof listConnections>>[number];
