import { z } from "zod";
import type { AuditEntry, Prisma } from "../db/generated/client";
import { ActorType } from "../db/generated/enums";
import type { AuditDb } from "./audit-db";

// Filters arrive from the audit page's query string, so an empty field ("all actions") means "no filter".
// No action, id or type holds a control character, and PostgreSQL refuses NUL in text: such a filter is invalid.
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .regex(/^[^\u0000-\u001f\u007f]*$/, "A filter cannot contain control characters.")
    .optional()
    .transform((value) => value || undefined);

// An instant, or a date (midnight UTC). `from` is inclusive and `to` exclusive, so consecutive ranges never
// overlap and "from 2026-11-01 to 2026-12-01" is exactly November.
const instant = z
  .union([z.date(), z.iso.datetime({ offset: true }), z.iso.date(), z.literal("")])
  .optional()
  .transform((value) => (value === undefined || value === "" ? undefined : new Date(value)));

/**
 * `action` matches that action and everything beneath it in the dotted hierarchy: "member" (or "member.") finds
 * "member.invited" and "member.role_changed"; "member.role_changed" finds just that. Whole segments only, so
 * "mem" finds nothing: the filter is for picking a kind of event, not for searching text.
 */
export const AuditFiltersSchema = z
  .object({
    actorType: z.enum(ActorType).optional(),
    actorId: text(200),
    action: text(100).transform((value) => value?.replace(/\.+$/, "") || undefined),
    targetType: text(100),
    targetId: text(200),
    from: instant,
    to: instant,
  })
  .refine((f) => !f.from || !f.to || f.from < f.to, { message: "The end of the range must be after its start.", path: ["to"] });

export type AuditFiltersInput = z.input<typeof AuditFiltersSchema>;
export type AuditFilters = z.output<typeof AuditFiltersSchema>;

// The cursor is the seq of the last entry on the previous page: stable while new entries are appended above it.
export const AuditCursorSchema = z.string().regex(/^[1-9]\d{0,9}$/, "The page cursor is not valid.").transform(Number);

export const MAX_AUDIT_PAGE = 1_000;

export type ListAuditEntriesArgs = { tenantId: string; filters?: AuditFiltersInput; cursor?: string | null; limit?: number };
export type AuditEntryPage = { entries: AuditEntry[]; nextCursor: string | null };

// LIKE treats % and _ as wildcards and Prisma's startsWith passes them through, so escape them ("api_key" must
// not match "apiXkey").
function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The where clause for a tenant's filtered entries. The tenant is always there; filters can only narrow it. */
export function auditEntriesWhere(tenantId: string, filters: AuditFilters): Prisma.AuditEntryWhereInput {
  const conditions: Prisma.AuditEntryWhereInput[] = [];
  if (filters.actorType) conditions.push({ actorType: filters.actorType });
  if (filters.actorId) conditions.push({ actorId: filters.actorId });
  if (filters.action) conditions.push({ OR: [{ action: filters.action }, { action: { startsWith: escapeLike(`${filters.action}.`) } }] });
  if (filters.targetType) conditions.push({ targetType: filters.targetType });
  if (filters.targetId) conditions.push({ targetId: filters.targetId });
  if (filters.from) conditions.push({ createdAt: { gte: filters.from } });
  if (filters.to) conditions.push({ createdAt: { lt: filters.to } });
  return { workspaceId: tenantId, AND: conditions };
}

/** One page of a workspace's audit log, newest first (by seq, the chain's own order). */
export async function listAuditEntries(db: AuditDb, args: ListAuditEntriesArgs): Promise<AuditEntryPage> {
  const filters = AuditFiltersSchema.parse(args.filters ?? {});
  const limit = z.number().int().min(1).max(MAX_AUDIT_PAGE).parse(args.limit ?? 50);
  const before = args.cursor ? AuditCursorSchema.parse(args.cursor) : undefined;
  const where = auditEntriesWhere(args.tenantId, filters);
  const rows = await db.auditEntry.findMany({
    where: before === undefined ? where : { AND: [where, { seq: { lt: before } }] },
    orderBy: { seq: "desc" },
    take: limit + 1,
  });
  const entries = rows.slice(0, limit);
  const last = entries.at(-1);
  return { entries, nextCursor: rows.length > limit && last ? String(last.seq) : null };
}

/** The actions a workspace has recorded, for the action filter's dropdown. */
export async function listAuditActions(db: AuditDb, tenantId: string): Promise<string[]> {
  // GROUP BY in the database (on the workspaceId + action index), not a DISTINCT over every row in memory.
  const groups = await db.auditEntry.groupBy({ by: ["action"], where: { workspaceId: tenantId }, orderBy: { action: "asc" } });
  return groups.map((group) => group.action);
}
