import type { Role } from "../db/generated/enums";
import { db } from "../db";
import type { WorkspaceContext } from "../tenancy/with-workspace";
import { createWorkspaceWith } from "../../test/fixtures";
import { connectCompany, createSimCompany } from "../../test/qbo";

/**
 * For this folder's tests: a fresh workspace (an owner, then one member per given role) with a Stripe source
 * and a new simulator company connected through the real Connect flow. Answers a context per member.
 */
export async function mappingWorkspace(roles: Role[] = ["ACCOUNTANT"], options: { sources?: ("STRIPE" | "SHOPIFY" | "API")[] } = {}) {
  const { workspace, members } = await createWorkspaceWith(["OWNER", ...roles]);
  const owner = members[0]!;
  const realmId = await createSimCompany(`Mappings ${workspace.slug}`);
  await connectCompany(workspace.slug, owner.user.id, realmId);
  const connection = await db.qboConnection.findFirstOrThrow({ where: { workspaceId: workspace.id } });
  for (const kind of options.sources ?? ["STRIPE"]) {
    await db.sourceConnection.create({ data: { workspaceId: workspace.id, kind, name: `${kind.toLowerCase()} test` } });
  }
  const ctxOf = (i: number): WorkspaceContext => {
    const m = members[i]!;
    return {
      tenantId: workspace.id,
      workspace: { id: workspace.id, slug: workspace.slug, name: workspace.name },
      user: { id: m.user.id, email: m.user.email, name: m.user.name },
      role: m.role,
      requestId: `req-${workspace.slug}-${i}`,
      ip: "203.0.113.9",
    };
  };
  return { workspace, connection, realmId, owner: ctxOf(0), member: (i = 0) => ctxOf(i + 1) };
}

/** Ids of the simulator company's seeded accounts and items, by name, from the cache. */
export async function referenceIds(qboConnectionId: string) {
  const rows = await db.qboReferenceRow.findMany({ where: { qboConnectionId } });
  const id = (entity: string, name: string) => {
    const row = rows.find((r) => r.entity === entity && r.name === name);
    if (!row) throw new Error(`No ${entity} named ${name} in the cache`);
    return row.qboId;
  };
  return { account: (name: string) => id("Account", name), item: (name: string) => id("Item", name) };
}
