import { streamAuditCsv } from "@/lib/audit/audit-csv";
import { auditFiltersFromSearch } from "@/lib/audit/filters-from-url";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { auditedBy } from "@/lib/tenancy/actor";
import { withWorkspace } from "@/lib/tenancy/with-workspace";

// Streams the filtered audit log as CSV, page by page, so a large export never sits in memory. The export is
// itself recorded: who took a copy of the log, with which filters, is part of the log.
export const GET = withWorkspace("data.export", async (request, ctx) => {
  const filters = auditFiltersFromSearch(new URL(request.url).searchParams);
  // streamAuditCsv validates the filters as it is called, so bad ones are a 422 before anything is recorded.
  const chunks = streamAuditCsv(db, { tenantId: ctx.tenantId, filters })[Symbol.asyncIterator]();
  await recordAudit(db, { ...auditedBy(ctx.tenantId, ctx.user, ctx), action: "audit.exported", after: { filters } });
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(new TextEncoder().encode(next.value));
    },
  });
  const date = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="audit-${ctx.workspace.slug}-${date}.csv"`,
      "cache-control": "no-store",
    },
  });
});
