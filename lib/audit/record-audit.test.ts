import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { useTestDb } from "../../test/db";
import type { Db } from "../db/create-client";
import { hashAuditEntry } from "./hash-entry";
import { recordAudit, recordAuditMany, type AuditInput } from "./record-audit";
import { verifyAuditChain } from "./verify-audit-chain";

async function newWorkspace(db: Db): Promise<string> {
  const suffix = randomUUID().slice(0, 8);
  return (await db.workspace.create({ data: { slug: `audit-rec-${suffix}`, name: `Audit ${suffix}` } })).id;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function memberChanged(workspaceId: string, n: number): AuditInput {
  return {
    workspaceId,
    actor: { type: "USER", id: "user_owner", label: "Olivia Owner" },
    action: "member.role_changed",
    target: { type: "Membership", id: `m_${n}` },
    before: { role: "VIEWER" },
    after: { role: "ACCOUNTANT" },
    requestId: `req_${n}`,
    ip: "203.0.113.7",
  };
}

async function chainOf(db: Db, workspaceId: string) {
  return db.auditEntry.findMany({ where: { workspaceId }, orderBy: { seq: "asc" } });
}

describe("recordAudit", () => {
  const db = useTestDb();

  it("appends a batch of entries after the last one, in order, as a chain that verifies", async () => {
    const ws = await newWorkspace(db);
    await recordAudit(db, memberChanged(ws, 1));
    expect(await recordAuditMany(db, [2, 3, 4].map((n) => memberChanged(ws, n)))).toBe(3);
    await recordAudit(db, memberChanged(ws, 5));

    const stored = await chainOf(db, ws);
    expect(stored.map((e) => [e.seq, e.targetId])).toEqual([1, 2, 3, 4, 5].map((n) => [n, `m_${n}`]));
    expect(stored.map((e) => e.prevHash)).toEqual([null, ...stored.slice(0, -1).map((e) => e.hash)]);
    for (const entry of stored) expect(hashAuditEntry(entry)).toBe(entry.hash);
    expect(await verifyAuditChain(db, ws)).toMatchObject({ ok: true });
    await expect(recordAuditMany(db, [memberChanged(ws, 6), memberChanged(await newWorkspace(db), 7)])).rejects.toThrow(/one workspace/);
  });

  it("numbers entries 1..N and links each to the hash of the one before", async () => {
    const ws = await newWorkspace(db);
    const returned = [];
    for (let n = 1; n <= 4; n++) returned.push(await recordAudit(db, memberChanged(ws, n)));

    const stored = await chainOf(db, ws);
    expect(stored.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(stored.map((e) => e.prevHash)).toEqual([null, ...stored.slice(0, -1).map((e) => e.hash)]);
    // What the caller gets back is what was stored, and its hash is recomputable from the stored row.
    expect(returned).toEqual(stored);
    for (const entry of stored) expect(hashAuditEntry(entry)).toBe(entry.hash);
    expect(stored[0]).toMatchObject({
      actorType: "USER",
      actorId: "user_owner",
      actorLabel: "Olivia Owner",
      action: "member.role_changed",
      targetType: "Membership",
      targetId: "m_1",
      before: { role: "VIEWER" },
      after: { role: "ACCOUNTANT" },
      requestId: "req_1",
      ip: "203.0.113.7",
    });
  });

  it("keeps seq contiguous and the chain valid when 25 callers append at once", async () => {
    const ws = await newWorkspace(db);
    await Promise.all(Array.from({ length: 25 }, (_, i) => recordAudit(db, memberChanged(ws, i))));
    expect((await chainOf(db, ws)).map((e) => e.seq)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(await verifyAuditChain(db, ws)).toEqual({ ok: true, entries: 25 });
  });

  it("holds the workspace's turn until the caller's transaction commits", async () => {
    // Each caller records inside its own transaction and keeps working before committing: the next writer must
    // wait for that commit, or it would read a stale last entry and fork the chain.
    const ws = await newWorkspace(db);
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        db.$transaction(async (tx) => {
          await recordAudit(tx, memberChanged(ws, i));
          await sleep(i % 3);
        }),
      ),
    );
    expect((await chainOf(db, ws)).map((e) => e.seq)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(await verifyAuditChain(db, ws)).toEqual({ ok: true, entries: 25 });
  });

  it("rolls back with the change it describes, leaving the chain valid", async () => {
    const ws = await newWorkspace(db);
    await recordAudit(db, memberChanged(ws, 1));
    await expect(
      db.$transaction(async (tx) => {
        await recordAudit(tx, memberChanged(ws, 2));
        throw new Error("the role change failed");
      }),
    ).rejects.toThrow("the role change failed");

    expect((await chainOf(db, ws)).map((e) => e.requestId)).toEqual(["req_1"]);
    const next = await recordAudit(db, memberChanged(ws, 3));
    expect(next.seq).toBe(2);
    expect(await verifyAuditChain(db, ws)).toEqual({ ok: true, entries: 2 });
  });

  it("keeps appending separately per workspace", async () => {
    const [a, b] = [await newWorkspace(db), await newWorkspace(db)];
    await Promise.all([1, 2, 3].flatMap((n) => [recordAudit(db, memberChanged(a, n)), recordAudit(db, memberChanged(b, n))]));
    expect((await chainOf(db, a)).map((e) => e.seq)).toEqual([1, 2, 3]);
    expect((await chainOf(db, b)).map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it("redacts values under secret-looking keys, at any depth", async () => {
    const ws = await newWorkspace(db);
    const entry = await recordAudit(db, {
      workspaceId: ws,
      actor: { type: "API_KEY", id: "key_1", label: "lw_live_ab12…" },
      action: "source.connection.updated",
      target: { type: "SourceConnection", id: "sc_1" },
      before: {
        name: "Stripe",
        Password: "hunter2",
        webhook: { signing_secret: "whsec_123", url: "https://example.test/hook" },
        credentials: [{ apiKey: "sk_live_1" }, { "X-Api-Key": "k" }],
      },
      after: {
        name: "Stripe EU",
        accessToken: "at",
        refresh_token: "rt",
        keyHash: "kh",
        tokenHash: "th",
        nested: [{ deeper: { SECRET: { anything: "x" } } }],
        amountMinor: 9_007_199_254_740_993n,
      },
    });
    const stored = await db.auditEntry.findUniqueOrThrow({ where: { id: entry.id } });
    expect(stored.before).toEqual({
      name: "Stripe",
      Password: "[redacted]",
      webhook: { signing_secret: "[redacted]", url: "https://example.test/hook" },
      credentials: "[redacted]",
    });
    expect(stored.after).toEqual({
      name: "Stripe EU",
      accessToken: "[redacted]",
      refresh_token: "[redacted]",
      keyHash: "[redacted]",
      tokenHash: "[redacted]",
      nested: [{ deeper: { SECRET: "[redacted]" } }],
      amountMinor: "9007199254740993",
    });
    expect(JSON.stringify(stored)).not.toMatch(/hunter2|whsec_123|sk_live_1/);
    expect(hashAuditEntry(stored)).toBe(stored.hash);
  });

  it("records a system actor without an id, and no before/after as null", async () => {
    const ws = await newWorkspace(db);
    const entry = await recordAudit(db, { workspaceId: ws, actor: { type: "SYSTEM", label: "nightly reconciliation" }, action: "reconciliation.started" });
    expect(entry).toMatchObject({ actorType: "SYSTEM", actorId: null, targetType: null, before: null, after: null, ip: null });
  });

  it("refuses malformed input before writing anything", async () => {
    const ws = await newWorkspace(db);
    const bad: unknown[] = [
      { ...memberChanged(ws, 1), action: "MemberRoleChanged" },
      { ...memberChanged(ws, 1), action: "member" },
      { ...memberChanged(ws, 1), actor: { type: "SYSTEM", id: "cron" } },
      { ...memberChanged(ws, 1), actor: { type: "USER" } },
      { ...memberChanged(ws, 1), ip: "not an ip" },
      { ...memberChanged(ws, 1), workspaceId: "" },
    ];
    for (const input of bad) await expect(recordAudit(db, input as AuditInput)).rejects.toBeInstanceOf(ZodError);
    expect(await db.auditEntry.count({ where: { workspaceId: ws } })).toBe(0);
    await expect(recordAudit(db, { ...memberChanged(ws, 1), ip: "::ffff:192.0.2.1" })).resolves.toMatchObject({ seq: 1 });
  });
});
