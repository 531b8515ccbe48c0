import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { useTestDb } from "../../test/db";
import type { Db } from "../db/create-client";
import type { AuditEntry } from "../db/generated/client";
import { listAuditActions, listAuditEntries, type AuditFiltersInput } from "./list-audit-entries";
import { recordAudit, type AuditInput } from "./record-audit";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function newWorkspace(db: Db): Promise<string> {
  const suffix = randomUUID().slice(0, 8);
  return (await db.workspace.create({ data: { slug: `audit-list-${suffix}`, name: `Audit ${suffix}` } })).id;
}

// One workspace's log, in order: who did what to what. Workspace B gets the same events with the same ids, so a
// filter that leaked across tenants would find B's rows.
const EVENTS: Omit<AuditInput, "workspaceId">[] = [
  { actor: { type: "SYSTEM", label: "seed" }, action: "workspace.created", target: { type: "Workspace", id: "w" } },
  { actor: { type: "USER", id: "user_olivia" }, action: "member.invited", target: { type: "Invitation", id: "inv_1" } },
  { actor: { type: "USER", id: "user_olivia" }, action: "member.role_changed", target: { type: "Membership", id: "m_1" } },
  { actor: { type: "USER", id: "user_adam" }, action: "api_key.created", target: { type: "ApiKey", id: "key_1" } },
  { actor: { type: "API_KEY", id: "key_1" }, action: "posting.approved", target: { type: "Posting", id: "p_1" } },
  { actor: { type: "USER", id: "user_adam" }, action: "member.role_changed", target: { type: "Membership", id: "m_2" } },
  { actor: { type: "SYSTEM" }, action: "membership.created", target: { type: "Membership", id: "m_2" } },
  { actor: { type: "SYSTEM" }, action: "apixkey.created" },
];

describe("listAuditEntries", () => {
  const db = useTestDb();
  let a: string;
  let b: string;
  let entries: AuditEntry[];

  beforeAll(async () => {
    [a, b] = [await newWorkspace(db), await newWorkspace(db)];
    entries = [];
    for (const event of EVENTS) {
      entries.push(await recordAudit(db, { ...event, workspaceId: a }));
      await recordAudit(db, { ...event, workspaceId: b });
      await sleep(3); // distinct milliseconds, so time filters have edges to test
    }
  });

  async function seqsFor(filters: AuditFiltersInput, tenantId = a): Promise<number[]> {
    const page = await listAuditEntries(db, { tenantId, filters, limit: 100 });
    for (const entry of page.entries) expect(entry.workspaceId).toBe(tenantId);
    return page.entries.map((e) => e.seq);
  }

  it("lists newest first, and filters by actor", async () => {
    expect(await seqsFor({})).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
    expect(await seqsFor({ actorType: "SYSTEM" })).toEqual([8, 7, 1]);
    expect(await seqsFor({ actorId: "user_olivia" })).toEqual([3, 2]);
    expect(await seqsFor({ actorType: "API_KEY", actorId: "key_1" })).toEqual([5]);
    expect(await seqsFor({ actorType: "USER", actorId: "key_1" })).toEqual([]);
  });

  it("filters by action: exactly, or everything beneath a dotted prefix", async () => {
    expect(await seqsFor({ action: "member.role_changed" })).toEqual([6, 3]);
    // Whole segments: "member" does not find "membership.created".
    expect(await seqsFor({ action: "member" })).toEqual([6, 3, 2]);
    expect(await seqsFor({ action: "member." })).toEqual([6, 3, 2]);
    expect(await seqsFor({ action: "membership" })).toEqual([7]);
    expect(await seqsFor({ action: "mem" })).toEqual([]);
    // "_" is not a wildcard: api_key does not find apixkey.
    expect(await seqsFor({ action: "api_key" })).toEqual([4]);
    expect(await seqsFor({ action: "%" })).toEqual([]);
  });

  it("filters by target", async () => {
    expect(await seqsFor({ targetType: "Membership" })).toEqual([7, 6, 3]);
    expect(await seqsFor({ targetType: "Membership", targetId: "m_2" })).toEqual([7, 6]);
    expect(await seqsFor({ targetId: "key_1" })).toEqual([4]);
  });

  it("filters by time, from inclusive and to exclusive, as instants or ISO strings", async () => {
    const third = entries[2]!.createdAt;
    const sixth = entries[5]!.createdAt;
    expect(await seqsFor({ from: third, to: sixth })).toEqual([5, 4, 3]);
    expect(await seqsFor({ from: third.toISOString(), to: sixth.toISOString() })).toEqual([5, 4, 3]);
    expect(await seqsFor({ from: sixth })).toEqual([8, 7, 6]);
    expect(await seqsFor({ to: third })).toEqual([2, 1]);
    const day = third.toISOString().slice(0, 10);
    const nextDay = new Date(Date.parse(day) + 86_400_000).toISOString().slice(0, 10);
    expect(await seqsFor({ from: day, to: nextDay })).toHaveLength(entries.filter((e) => e.createdAt.toISOString().startsWith(day)).length);
  });

  it("combines filters and ignores empty ones, as a submitted filter form sends them", async () => {
    expect(await seqsFor({ actorType: "USER", action: "member", targetId: "m_2" })).toEqual([6]);
    expect(await seqsFor({ actorId: "", action: " ", targetType: "", from: "", to: "" })).toHaveLength(8);
  });

  it("never shows another workspace's entries, whatever the filters name", async () => {
    const bIds = new Set((await db.auditEntry.findMany({ where: { workspaceId: b }, select: { id: true } })).map((e) => e.id));
    expect(bIds.size).toBe(EVENTS.length);
    for (const filters of [{}, { actorId: "key_1" }, { targetId: "m_2" }, { action: "member" }, { actorType: "SYSTEM" as const }]) {
      const page = await listAuditEntries(db, { tenantId: a, filters, limit: 100 });
      expect(page.entries.some((e) => bIds.has(e.id))).toBe(false);
    }
    // Unknown keys (a workspace id smuggled into the filters) are dropped, not obeyed.
    const smuggled = await listAuditEntries(db, { tenantId: a, filters: { workspaceId: b } as AuditFiltersInput, limit: 100 });
    expect(smuggled.entries.every((e) => e.workspaceId === a)).toBe(true);
  });

  it("pages with a cursor: every entry once, newest first, then no cursor", async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await listAuditEntries(db, { tenantId: a, cursor, limit: 3 });
      seen.push(...page.entries.map((e) => e.seq));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(seen).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
    expect(pages).toBe(3);

    const filtered = await listAuditEntries(db, { tenantId: a, filters: { action: "member" }, limit: 2 });
    expect(filtered.entries.map((e) => e.seq)).toEqual([6, 3]);
    const rest = await listAuditEntries(db, { tenantId: a, filters: { action: "member" }, cursor: filtered.nextCursor, limit: 2 });
    expect(rest).toMatchObject({ nextCursor: null });
    expect(rest.entries.map((e) => e.seq)).toEqual([2]);
  });

  it("refuses a malformed cursor, limit or time range", async () => {
    await expect(listAuditEntries(db, { tenantId: a, cursor: "1 OR 1=1" })).rejects.toBeInstanceOf(ZodError);
    await expect(listAuditEntries(db, { tenantId: a, limit: 0 })).rejects.toBeInstanceOf(ZodError);
    await expect(listAuditEntries(db, { tenantId: a, limit: 100_000 })).rejects.toBeInstanceOf(ZodError);
    await expect(listAuditEntries(db, { tenantId: a, filters: { from: "yesterday" } })).rejects.toBeInstanceOf(ZodError);
    await expect(listAuditEntries(db, { tenantId: a, filters: { from: "2026-11-02", to: "2026-11-01" } })).rejects.toBeInstanceOf(ZodError);
  });

  // A filter is compared with text columns, where PostgreSQL refuses a NUL outright: the query failed as a 500
  // (`?actorId=a%00b` on the API and the page) instead of telling the caller the filter is wrong.
  it("refuses a filter holding a NUL or another control character as invalid input", async () => {
    for (const filters of [{ actorId: "a\u0000b" }, { action: "member\u0000" }, { targetType: "\u0000" }, { targetId: "x\u0007" }]) {
      await expect(listAuditEntries(db, { tenantId: a, filters })).rejects.toBeInstanceOf(ZodError);
    }
  });
});

describe("listAuditActions", () => {
  const db = useTestDb();

  it("lists a workspace's distinct actions, sorted, and only its own", async () => {
    const [a, b] = [await newWorkspace(db), await newWorkspace(db)];
    for (const action of ["member.invited", "api_key.created", "member.invited"]) {
      await recordAudit(db, { workspaceId: a, actor: { type: "SYSTEM" }, action });
    }
    await recordAudit(db, { workspaceId: b, actor: { type: "SYSTEM" }, action: "posting.approved" });
    expect(await listAuditActions(db, a)).toEqual(["api_key.created", "member.invited"]);
    expect(await listAuditActions(db, b)).toEqual(["posting.approved"]);
  });
});
