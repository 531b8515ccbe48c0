import { db } from "../db";
import { API_KEY_VIEW, type ApiKeyView } from "./api-key-view";

/** The workspace's keys, newest first, revoked ones included (people look for what stopped working). */
export async function listApiKeys({ tenantId }: { tenantId: string }): Promise<ApiKeyView[]> {
  return db.apiKey.findMany({ where: { workspaceId: tenantId }, select: API_KEY_VIEW, orderBy: { createdAt: "desc" } });
}
