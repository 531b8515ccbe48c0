import { db } from "../db";

export async function listMembers({ tenantId }: { tenantId: string }) {
  return db.membership.findMany({
    where: { workspaceId: tenantId },
    select: { id: true, role: true, createdAt: true, user: { select: { id: true, email: true, name: true } } },
    orderBy: [{ role: "asc" }, { createdAt: "asc" }],
  });
}
