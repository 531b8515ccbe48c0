import type { Metadata } from "next";
import Link from "next/link";
import { ChangeCell } from "@/components/audit/change-cell";
import { VerifyChainButton } from "@/components/audit/verify-chain-button";
import { EmptyState, Notice } from "@/components/ui/notice";
import { auditFiltersFromSearch } from "@/lib/audit/filters-from-url";
import { AuditCursorSchema, AuditFiltersSchema, listAuditActions, listAuditEntries } from "@/lib/audit/list-audit-entries";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { listMembers } from "@/lib/members/list-members";
import { requireWorkspacePage } from "@/lib/tenancy/page-context";

export const metadata: Metadata = { title: "Audit log" };

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const input = "mt-1 block w-full rounded-lg border border-slate-300 bg-white px-2.5 py-1.5 text-sm";

export default async function AuditPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const search = await searchParams;
  const ctx = await requireWorkspacePage(slug, "audit.read");
  const raw = auditFiltersFromSearch(search);
  const parsed = AuditFiltersSchema.safeParse(raw);
  // A cursor edited by hand (or cut off) is ignored with a notice: the first page is what the person can use.
  const cursorParam = typeof search.cursor === "string" && search.cursor !== "" ? search.cursor : null;
  const cursorValid = cursorParam === null || AuditCursorSchema.safeParse(cursorParam).success;
  const cursor = cursorValid ? cursorParam : null;
  const [page, actions, members] = await Promise.all([
    parsed.success ? listAuditEntries(db, { tenantId: ctx.tenantId, filters: raw, cursor, limit: 50 }) : Promise.resolve({ entries: [], nextCursor: null }),
    listAuditActions(db, ctx.tenantId),
    listMembers(ctx),
  ]);
  const query = new URLSearchParams(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""));
  const filtered = query.size > 0;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Audit log</h1>
          <p className="mt-1 text-sm text-slate-600">Every change in this workspace, append-only and hash-chained.</p>
        </div>
        <div className="flex flex-wrap items-start gap-3">
          {can(ctx.role, "data.export") ? (
            <a href={`/api/w/${slug}/audit/export?${query}`} className="rounded-lg border border-slate-300 bg-white px-3.5 py-2 text-sm font-medium hover:bg-slate-50" download>
              Export CSV
            </a>
          ) : null}
          <VerifyChainButton slug={slug} />
        </div>
      </div>

      <form method="get" aria-label="Filter the audit log" className="grid gap-3 rounded-xl border border-slate-200 bg-white p-4 sm:grid-cols-3 lg:grid-cols-6">
        <label className="text-sm font-medium text-slate-700">
          Actor
          <select name="actorId" defaultValue={raw.actorId ?? ""} className={input}>
            <option value="">Anyone</option>
            {members.map((m) => (
              <option key={m.user.id} value={m.user.id}>
                {m.user.email}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium text-slate-700">
          Actor type
          <select name="actorType" defaultValue={raw.actorType ?? ""} className={input}>
            <option value="">Any</option>
            <option value="USER">Person</option>
            <option value="API_KEY">API key</option>
            <option value="SYSTEM">System</option>
          </select>
        </label>
        <label className="text-sm font-medium text-slate-700">
          Action
          <select name="action" defaultValue={raw.action ?? ""} className={input}>
            <option value="">Any</option>
            {actions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium text-slate-700">
          Target
          <input name="targetType" defaultValue={raw.targetType ?? ""} placeholder="e.g. Membership" className={input} />
        </label>
        <label className="text-sm font-medium text-slate-700">
          From
          <input type="date" name="from" defaultValue={typeof raw.from === "string" ? raw.from : ""} className={input} />
        </label>
        <label className="text-sm font-medium text-slate-700">
          Until (exclusive)
          <input type="date" name="to" defaultValue={typeof raw.to === "string" ? raw.to : ""} className={input} />
        </label>
        <div className="flex gap-3 sm:col-span-3 lg:col-span-6">
          <button type="submit" className="rounded-lg bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700">
            Apply filters
          </button>
          {filtered ? (
            <Link href={`/w/${slug}/audit`} className="px-2 py-2 text-sm text-slate-600 underline">
              Clear
            </Link>
          ) : null}
        </div>
      </form>

      {!parsed.success ? <Notice tone="error">{parsed.error.issues.map((i) => i.message).join(" ")}</Notice> : null}
      {!cursorValid ? <Notice tone="error">That page link is not valid, so the newest entries are shown instead.</Notice> : null}

      {page.entries.length === 0 ? (
        <EmptyState title={filtered ? "No entries match these filters" : "No entries yet"}>
          {filtered ? "Widen the filters or clear them." : "Sign-ins, member changes and invitations are recorded here as they happen."}
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Audit entries, newest first</caption>
            <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-3 py-2 font-medium">#</th>
                <th className="px-3 py-2 font-medium">Time (UTC)</th>
                <th className="px-3 py-2 font-medium">Actor</th>
                <th className="px-3 py-2 font-medium">Action</th>
                <th className="px-3 py-2 font-medium">Target</th>
                <th className="px-3 py-2 font-medium">Change</th>
              </tr>
            </thead>
            <tbody>
              {page.entries.map((e) => (
                <tr key={e.id} className="border-t border-slate-100 align-top">
                  <td className="px-3 py-2 text-slate-500">{e.seq}</td>
                  <td className="whitespace-nowrap px-3 py-2">{e.createdAt.toISOString().replace("T", " ").slice(0, 19)}</td>
                  <td className="px-3 py-2">{e.actorLabel ?? e.actorId ?? e.actorType.toLowerCase()}</td>
                  <td className="px-3 py-2 font-mono text-xs">{e.action}</td>
                  <td className="px-3 py-2 text-slate-600">{e.targetType ? `${e.targetType} ${e.targetId ?? ""}` : ""}</td>
                  <td className="min-w-64 max-w-md px-3 py-2 font-mono text-xs text-slate-600">
                    <ChangeCell before={e.before} after={e.after} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page.nextCursor ? (
        <Link href={`/w/${slug}/audit?${new URLSearchParams([...query, ["cursor", page.nextCursor]])}`} className="text-sm font-medium text-brand-700 underline">
          Older entries
        </Link>
      ) : null}
    </div>
  );
}
