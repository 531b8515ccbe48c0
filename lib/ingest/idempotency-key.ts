import { z } from "zod";
import type { Prisma } from "../db/generated/client";
import { AppError } from "../errors/app-error";

// The events API's Idempotency-Key (the convention Stripe made common): a retry with the same key and the same
// body gets the first answer again, byte for byte in meaning; the same key with a different body is a client
// bug and gets 409, never a silent second booking. Keys are kept 24 hours.

export const IDEMPOTENCY_WINDOW_MS = 24 * 3600_000;
const KeySchema = z.string().min(1).max(255).regex(/^[\x21-\x7e]+$/);

export type StoredAnswer = { status: number; body: unknown; replayed: boolean };

export function readIdempotencyKey(request: Request): string | null {
  const value = request.headers.get("idempotency-key");
  if (value === null) return null;
  if (!KeySchema.safeParse(value).success) {
    throw new AppError("BAD_REQUEST", "The Idempotency-Key header must be 1 to 255 printable ASCII characters without spaces.");
  }
  return value;
}

/**
 * Claims the key inside the caller's transaction. Returns the stored answer when the key was used before with
 * the same body (the caller then does nothing), null when this request owns the key. A concurrent request with
 * the same key waits on the row lock until the first commits, then sees its answer.
 */
export async function claimIdempotencyKey(
  tx: Prisma.TransactionClient,
  input: { workspaceId: string; key: string; requestHash: string },
): Promise<StoredAnswer | null> {
  const claimed = await tx.$executeRaw`
    INSERT INTO "ApiIdempotencyKey" ("workspaceId", key, "requestHash", status, response)
    VALUES (${input.workspaceId}, ${input.key}, ${input.requestHash}, 0, 'null'::jsonb)
    ON CONFLICT ("workspaceId", key) DO UPDATE SET "requestHash" = EXCLUDED."requestHash", status = 0, response = 'null'::jsonb, "createdAt" = now()
      WHERE "ApiIdempotencyKey"."createdAt" < now() - make_interval(secs => ${IDEMPOTENCY_WINDOW_MS / 1000})`;
  if (claimed === 1) return null;
  const existing = await tx.apiIdempotencyKey.findUniqueOrThrow({ where: { workspaceId_key: { workspaceId: input.workspaceId, key: input.key } } });
  if (existing.requestHash !== input.requestHash) {
    throw new AppError("IDEMPOTENCY_KEY_REUSED", "This Idempotency-Key was already used with a different request body. Use a new key for a new request.");
  }
  return { status: existing.status, body: existing.response, replayed: true };
}

export async function saveIdempotentAnswer(
  tx: Prisma.TransactionClient,
  input: { workspaceId: string; key: string; status: number; body: Prisma.InputJsonValue },
): Promise<void> {
  await tx.apiIdempotencyKey.update({
    where: { workspaceId_key: { workspaceId: input.workspaceId, key: input.key } },
    data: { status: input.status, response: input.body },
  });
}
