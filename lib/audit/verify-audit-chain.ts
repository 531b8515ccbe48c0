import type { AuditEntry } from "../db/generated/client";
import type { AuditDb } from "./audit-db";
import { hashAuditEntry } from "./hash-entry";

export type AuditChainResult =
  | { ok: true; entries: number }
  | { ok: false; entries: number; brokenAt: { id: string; seq: number; reason: string } };

const PAGE_SIZE = 1_000;

/**
 * Walks a workspace's audit chain in seq order and reports the first broken link: the id of the row where the
 * chain breaks and a sentence saying how. `entries` counts the entries read (up to and including a broken one).
 *
 * Each entry is checked in this order, which is what makes the reported row the tampered one:
 * 1. its stored hash matches its contents. Every column but `id` is hashed (`seq`, `prevHash` and `hash`
 *    included), so any edit of row X fails here, at X, unless whoever edited it also recomputed X's hash;
 * 2. its seq follows the previous entry's. An entry that passed 1 carries its genuine seq and prevHash, so a gap
 *    before it means the entry it points back to is gone from its place: either renumbered (it still exists under
 *    another seq: report it) or deleted (report this entry, which now follows the gap);
 * 3. its prevHash equals the previous entry's stored hash. An edit whose hash was recomputed fails here, at X+1.
 *
 * Limits of a hash chain on its own: deleting the LAST entry (or the last few), or rewriting the tail and
 * recomputing every hash after the edit, leaves a chain that is valid and shorter or different; only an outside
 * record of the head (its seq and hash, kept elsewhere) would show it. Edits to `id` alone are not covered either.
 */
export async function verifyAuditChain(db: AuditDb, workspaceId: string, options: { pageSize?: number } = {}): Promise<AuditChainResult> {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  let entries = 0;
  let previous: { seq: number; hash: string } | null = null;

  // Keyset pagination on the (workspaceId, seq) unique index: one page in memory at a time, however long the log.
  for (;;) {
    const page: AuditEntry[] = await db.auditEntry.findMany({
      where: { workspaceId, ...(previous ? { seq: { gt: previous.seq } } : {}) },
      orderBy: { seq: "asc" },
      take: pageSize,
    });
    for (const row of page) {
      entries += 1;
      const broken = (at: { id: string; seq: number }, reason: string): AuditChainResult => ({
        ok: false,
        entries,
        brokenAt: { id: at.id, seq: at.seq, reason },
      });

      if (hashAuditEntry(row) !== row.hash) return broken(row, `entry ${row.seq}'s contents do not match its hash (edited)`);

      const expectedSeq = previous ? previous.seq + 1 : 1;
      // Only the first row can sit below the expected seq (rows come in ascending, unique seq order).
      if (row.seq < expectedSeq) return broken(row, `entry ${row.seq} is numbered below 1, where every chain starts (edited)`);
      if (row.seq > expectedSeq) {
        const renumbered = row.prevHash
          ? await db.auditEntry.findFirst({ where: { workspaceId, hash: row.prevHash, NOT: { id: row.id } }, select: { id: true, seq: true } })
          : null;
        if (renumbered) return broken(renumbered, `entry ${row.seq - 1} was renumbered to ${renumbered.seq} (edited)`);
        if (!previous) return broken(row, `chain does not start at 1: entries before ${row.seq} were deleted`);
        const missing = row.seq - previous.seq === 2 ? `entry ${previous.seq + 1} was deleted` : `entries ${previous.seq + 1} to ${row.seq - 1} were deleted`;
        return broken(row, `entry ${row.seq} follows entry ${previous.seq}: ${missing}`);
      }

      if (row.prevHash !== (previous?.hash ?? null)) {
        return broken(
          row,
          previous ? `entry ${row.seq}'s previous-hash does not match entry ${previous.seq}` : `entry ${row.seq} points to a previous entry, but the chain starts there`,
        );
      }
      previous = { seq: row.seq, hash: row.hash };
    }
    if (page.length < pageSize) return { ok: true, entries };
  }
}
