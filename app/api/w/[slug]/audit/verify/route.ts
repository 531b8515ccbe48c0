import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { db } from "@/lib/db";
import { withWorkspace } from "@/lib/tenancy/with-workspace";

export const GET = withWorkspace("audit.read", async (_request, ctx) => Response.json(await verifyAuditChain(db, ctx.tenantId)));
