import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { useTestDb } from "../../test/db";
import type { Db } from "../db/create-client";
import type { AuditEntry } from "../db/generated/client";
import { hashAuditEntry } from "./hash-entry";
import { recordAudit } from "./record-audit";
import { verifyAuditChain } from "./verify-audit-chain";

// Done when: tampering with any audit row in the database is reported by verifyAuditChain with that row's id.
// Each case tampers a fresh six-entry chain in its own workspace, so cases cannot mask one another.

const CHAIN_LENGTH = 6;

async function newChain(db: Db, length = CHAIN_LENGTH): Promise<{ workspaceId: string; entries: AuditEntry[] }> {
  const suffix = randomUUID().slice(0, 8);
  const workspaceId = (await db.workspace.create({ data: { slug: `audit-verify-${suffix}`, name: `Audit ${suffix}` } })).id;
  const entries: AuditEntry[] = [];
  for (let n = 1; n <= length; n++) {
    entries.push(
      await recordAudit(db, {
        workspaceId,
        actor: { type: "USER", id: `user_${n}`, label: `User ${n}` },
        action: "posting.approved",
        target: { type: "Posting", id: `posting_${n}` },
        before: { status: "HELD", amountMinor: BigInt(1_000 * n), lines: [{ account: "4000", memo: "sale" }] },
        after: { status: "PENDING", approvedBy: `user_${n}` },
        requestId: `req_${n}`,
        ip: `198.51.100.${n}`,
      }),
    );
  }
  return { workspaceId, entries };
}

// The trigger refuses UPDATE and DELETE; someone with enough database access can still switch triggers off for
// their session. That is the attacker these tests play.
async function tamper(db: Db, sql: string, ...params: unknown[]): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe("SET LOCAL session_replication_role = replica");
    expect(await tx.$executeRawUnsafe(sql, ...params)).toBeGreaterThan(0);
  });
}

// One edit per stored column, each making the row say something it did not say when it was written.
const COLUMN_EDITS: Record<string, string> = {
  actorType: `"actorType" = 'SYSTEM'`,
  actorId: `"actorId" = 'user_mallory'`,
  actorLabel: `"actorLabel" = 'Mallory'`,
  action: `"action" = 'posting.rejected'`,
  targetType: `"targetType" = 'Invoice'`,
  targetId: `"targetId" = 'posting_999'`,
  before: `"before" = jsonb_set("before", '{amountMinor}', '"1"')`,
  after: `"after" = '{"status": "POSTED"}'::jsonb`,
  requestId: `"requestId" = 'req_forged'`,
  ip: `"ip" = '192.0.2.66'`,
  createdAt: `"createdAt" = "createdAt" - interval '1 millisecond'`,
  prevHash: `"prevHash" = repeat('0', 64)`,
  hash: `"hash" = repeat('0', 64)`,
  seq: `"seq" = "seq" + 100`,
};

const EDIT_CASES = Object.keys(COLUMN_EDITS).flatMap((column) =>
  Array.from({ length: CHAIN_LENGTH }, (_, i) => ({ column, row: i + 1 })),
);

describe("verifyAuditChain", () => {
  const db = useTestDb();

  it("accepts an intact chain, an empty one, and one longer than a page", async () => {
    const { workspaceId } = await newChain(db, 5);
    expect(await verifyAuditChain(db, workspaceId)).toEqual({ ok: true, entries: 5 });
    expect(await verifyAuditChain(db, workspaceId, { pageSize: 2 })).toEqual({ ok: true, entries: 5 });
    expect(await verifyAuditChain(db, randomUUID())).toEqual({ ok: true, entries: 0 });
  });

  it.each(EDIT_CASES)("reports an edit of $column in entry $row at that entry", async ({ column, row }) => {
    const { workspaceId, entries } = await newChain(db);
    const target = entries[row - 1]!;
    await tamper(db, `UPDATE "AuditEntry" SET ${COLUMN_EDITS[column]} WHERE id = $1`, target.id);

    const result = await verifyAuditChain(db, workspaceId, { pageSize: 4 });
    expect(result).toMatchObject({ ok: false, brokenAt: { id: target.id } });
  });

  it.each([1, 2, 3, 4, 5])("reports the deletion of entry %i at the entry that now follows the gap", async (row) => {
    const { workspaceId, entries } = await newChain(db);
    await tamper(db, `DELETE FROM "AuditEntry" WHERE id = $1`, entries[row - 1]!.id);

    const result = await verifyAuditChain(db, workspaceId);
    expect(result).toMatchObject({ ok: false, brokenAt: { id: entries[row]!.id, seq: row + 1 } });
  });

  it.each([1, 2, 3, 4, 5])("reports an edit of entry %i whose hash was recomputed at the next entry", async (row) => {
    const { workspaceId, entries } = await newChain(db);
    const target = entries[row - 1]!;
    const forged = { ...target, actorLabel: "Mallory" };
    await tamper(db, `UPDATE "AuditEntry" SET "actorLabel" = $2, "hash" = $3 WHERE id = $1`, target.id, forged.actorLabel, hashAuditEntry(forged));

    const result = await verifyAuditChain(db, workspaceId);
    expect(result).toEqual({
      ok: false,
      entries: row + 1,
      brokenAt: { id: entries[row]!.id, seq: row + 1, reason: `entry ${row + 1}'s previous-hash does not match entry ${row}` },
    });
  });

  it("explains each kind of break in words", async () => {
    const edited = await newChain(db);
    await tamper(db, `UPDATE "AuditEntry" SET "after" = '{}'::jsonb WHERE id = $1`, edited.entries[2]!.id);
    expect(await verifyAuditChain(db, edited.workspaceId)).toMatchObject({ brokenAt: { seq: 3, reason: "entry 3's contents do not match its hash (edited)" } });

    const oneDeleted = await newChain(db);
    await tamper(db, `DELETE FROM "AuditEntry" WHERE id = $1`, oneDeleted.entries[2]!.id);
    expect(await verifyAuditChain(db, oneDeleted.workspaceId)).toMatchObject({ brokenAt: { reason: "entry 4 follows entry 2: entry 3 was deleted" } });

    const twoDeleted = await newChain(db);
    await tamper(db, `DELETE FROM "AuditEntry" WHERE id IN ($1, $2)`, twoDeleted.entries[2]!.id, twoDeleted.entries[3]!.id);
    expect(await verifyAuditChain(db, twoDeleted.workspaceId)).toMatchObject({ brokenAt: { reason: "entry 5 follows entry 2: entries 3 to 4 were deleted" } });

    const headDeleted = await newChain(db);
    await tamper(db, `DELETE FROM "AuditEntry" WHERE id = $1`, headDeleted.entries[0]!.id);
    expect(await verifyAuditChain(db, headDeleted.workspaceId)).toMatchObject({
      entries: 1,
      brokenAt: { id: headDeleted.entries[1]!.id, seq: 2, reason: "chain does not start at 1: entries before 2 were deleted" },
    });

    const renumbered = await newChain(db);
    await tamper(db, `UPDATE "AuditEntry" SET seq = 50 WHERE id = $1`, renumbered.entries[1]!.id);
    expect(await verifyAuditChain(db, renumbered.workspaceId)).toMatchObject({
      brokenAt: { id: renumbered.entries[1]!.id, seq: 50, reason: "entry 2 was renumbered to 50 (edited)" },
    });
  });

  it("cannot see the last entry deleted, or the last entry rewritten with its hash recomputed (known limit)", async () => {
    // Nothing after the head vouches for it; only a copy of the head's hash kept elsewhere could. See the comment
    // on verifyAuditChain.
    const deleted = await newChain(db);
    await tamper(db, `DELETE FROM "AuditEntry" WHERE id = $1`, deleted.entries[CHAIN_LENGTH - 1]!.id);
    expect(await verifyAuditChain(db, deleted.workspaceId)).toEqual({ ok: true, entries: CHAIN_LENGTH - 1 });

    const rewritten = await newChain(db);
    const head = { ...rewritten.entries[CHAIN_LENGTH - 1]!, actorLabel: "Mallory" };
    await tamper(db, `UPDATE "AuditEntry" SET "actorLabel" = $2, "hash" = $3 WHERE id = $1`, head.id, head.actorLabel, hashAuditEntry(head));
    expect(await verifyAuditChain(db, rewritten.workspaceId)).toEqual({ ok: true, entries: CHAIN_LENGTH });
  });

  it("still has the trigger refuse a plain UPDATE or DELETE", async () => {
    const { entries } = await newChain(db, 1);
    await expect(db.$executeRawUnsafe(`UPDATE "AuditEntry" SET "actorLabel" = 'x' WHERE id = $1`, entries[0]!.id)).rejects.toThrow(/append-only/);
    await expect(db.auditEntry.delete({ where: { id: entries[0]!.id } })).rejects.toThrow(/append-only/);
  });
});
