import { db } from "../db";
import { sealedAt } from "./contexts";
import { open, seal, sealedKeyId } from "./envelope";
import { keyring } from "./keyring";

// After a new key is put first in ENCRYPTION_KEYS: re-seal every stored secret under it, so the old key can
// then be removed. Each row is re-sealed in its own short transaction, re-reading it under a row lock, so a
// token refresh running at the same moment is never overwritten with an older value. Safe to run again.

export type ReencryptReport = { qboConnections: number; sourceConnections: number; alreadyCurrent: number };

/** `workspaceId` limits the work to one tenant (rotating one at a time; tests use it to stay in their own rows). */
export async function reencryptAll(scope: { workspaceId?: string } = {}): Promise<ReencryptReport> {
  const current = keyring().current;
  const report: ReencryptReport = { qboConnections: 0, sourceConnections: 0, alreadyCurrent: 0 };

  const qbo = await db.qboConnection.findMany({ where: { ...scope, OR: [{ accessTokenCiphertext: { not: null } }, { refreshTokenCiphertext: { not: null } }] }, select: { id: true } });
  for (const { id } of qbo) {
    const changed = await db.$transaction(async (tx) => {
      const [row] = await tx.$queryRaw<{ accessTokenCiphertext: string | null; refreshTokenCiphertext: string | null }[]>`
        SELECT "accessTokenCiphertext", "refreshTokenCiphertext" FROM "QboConnection" WHERE id = ${id} FOR UPDATE`;
      const stale = [row?.accessTokenCiphertext, row?.refreshTokenCiphertext].some((c) => c && sealedKeyId(c) !== current);
      if (!row || !stale) return false;
      const reseal = (value: string | null, context: string) => (value ? seal(open(value, context), context).ciphertext : null);
      await tx.qboConnection.update({
        where: { id },
        data: { accessTokenCiphertext: reseal(row.accessTokenCiphertext, sealedAt.qboAccessToken(id)), refreshTokenCiphertext: reseal(row.refreshTokenCiphertext, sealedAt.qboRefreshToken(id)), tokenKeyId: current },
      });
      return true;
    });
    if (changed) report.qboConnections++;
    else report.alreadyCurrent++;
  }

  const sources = await db.sourceConnection.findMany({ where: { ...scope, secretsCiphertext: { not: null } }, select: { id: true } });
  for (const { id } of sources) {
    const changed = await db.$transaction(async (tx) => {
      const [row] = await tx.$queryRaw<{ secretsCiphertext: string | null }[]>`SELECT "secretsCiphertext" FROM "SourceConnection" WHERE id = ${id} FOR UPDATE`;
      if (!row?.secretsCiphertext || sealedKeyId(row.secretsCiphertext) === current) return false;
      const context = sealedAt.sourceSecrets(id);
      await tx.sourceConnection.update({ where: { id }, data: { secretsCiphertext: seal(open(row.secretsCiphertext, context), context).ciphertext, secretsKeyId: current } });
      return true;
    });
    if (changed) report.sourceConnections++;
    else report.alreadyCurrent++;
  }
  return report;
}
