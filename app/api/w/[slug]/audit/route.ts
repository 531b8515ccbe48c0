import { auditFiltersFromSearch } from "@/lib/audit/filters-from-url";
import { listAuditEntries } from "@/lib/audit/list-audit-entries";
import { db } from "@/lib/db";
import { withWorkspace } from "@/lib/tenancy/with-workspace";

export const GET = withWorkspace("audit.read", async (request, ctx) => {
  const search = new URL(request.url).searchParams;
  const page = await listAuditEntries(db, {
    tenantId: ctx.tenantId,
    filters: auditFiltersFromSearch(search),
    cursor: search.get("cursor"),
    limit: Number(search.get("limit") ?? 50) || 50,
  });
  return Response.json(page);
});
