import { createHmac, randomBytes } from "node:crypto";
import { authSecret } from "../auth/secret";
import { safeEqual } from "../crypto";
import { db, type QboEnvironment } from "../db";

// The OAuth `state` of "Connect to QuickBooks": `<row id>.<HMAC of it>`. The HMAC stops forged or altered
// values before any database work; the row makes it single use, expiring, and bound to the user, workspace and
// environment that started the connect (so a state cannot be replayed or carried into another session).

const LIFETIME_MS = 10 * 60_000;

export type ConnectStateReason = "malformed" | "tampered" | "unknown" | "replayed" | "expired" | "wrong_user";

export class ConnectStateError extends Error {
  override name = "ConnectStateError";
  constructor(readonly reason: ConnectStateReason) {
    super(`Connect state refused: ${reason}`);
  }
}

export type ConnectState = { workspaceId: string; environment: QboEnvironment; connectionId: string | null };

function signature(id: string): string {
  return createHmac("sha256", authSecret()).update(`qbo-connect-state:${id}`).digest("base64url");
}

export async function createConnectState(input: { userId: string; workspaceId: string; environment: QboEnvironment; connectionId?: string | null }): Promise<string> {
  const id = randomBytes(18).toString("base64url");
  await db.qboOAuthState.create({
    data: { id, userId: input.userId, workspaceId: input.workspaceId, environment: input.environment, connectionId: input.connectionId ?? null, expiresAt: new Date(Date.now() + LIFETIME_MS) },
  });
  return `${id}.${signature(id)}`;
}

/** Uses up a state for this user, or says exactly why it cannot be used. */
export async function consumeConnectState(state: string | null, userId: string): Promise<ConnectState> {
  const [id, mac, extra] = (state ?? "").split(".");
  if (!id || !mac || extra !== undefined) throw new ConnectStateError("malformed");
  if (!safeEqual(mac, signature(id))) throw new ConnectStateError("tampered");
  const now = new Date();
  // One conditional update decides the race between two uses of the same state: only one can win it.
  const claimed = await db.qboOAuthState.updateMany({ where: { id, userId, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
  const row = await db.qboOAuthState.findUnique({ where: { id } });
  if (!row) throw new ConnectStateError("unknown");
  if (claimed.count === 1) return { workspaceId: row.workspaceId, environment: row.environment, connectionId: row.connectionId };
  if (row.userId !== userId) throw new ConnectStateError("wrong_user");
  if (row.usedAt) throw new ConnectStateError("replayed");
  throw new ConnectStateError("expired");
}
