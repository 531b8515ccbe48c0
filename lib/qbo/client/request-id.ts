// QuickBooks' `requestid`: a retried write with the same id gets the original answer instead of posting again.
// Ids are the caller's deterministic business keys (lib/sync derives them); the client only checks them.
import { createHash } from "node:crypto";
import { z } from "zod";
import { invalidArgument } from "./qbo-error";

export const REQUEST_ID_MAX = 50;

// Printable ASCII without spaces: the id travels in a query parameter and a header.
const RequestIdSchema = z.string().min(1).max(REQUEST_ID_MAX).regex(/^[\x21-\x7e]+$/);

export function checkRequestId(requestId: unknown): string {
  const parsed = RequestIdSchema.safeParse(requestId);
  if (!parsed.success) {
    throw invalidArgument(`A QuickBooks write needs a requestId of 1 to ${REQUEST_ID_MAX} printable characters without spaces`, "requestId");
  }
  return parsed.data;
}

export type BatchChunkIdentity = { bId: string; requestId?: string; query?: string };

/**
 * The request id of one batch chunk: "batch-" + the first 44 hex digits of sha256 over each item's bId and
 * requestId (or query text), one line per item. The same items in the same order give the same id, so a
 * retried batch replays chunks QuickBooks already ran instead of posting them again; a chunk holding any
 * different item gets a new id. Chunks with no write in them get no id at all: replaying a query would
 * answer stale rows.
 */
export function batchRequestId(items: BatchChunkIdentity[]): string | undefined {
  if (!items.some((item) => item.requestId !== undefined)) return undefined;
  const hash = createHash("sha256");
  for (const item of items) {
    hash.update(`${item.bId}\u0000${item.requestId ?? ""}\u0000${item.query ?? ""}\n`);
  }
  return `batch-${hash.digest("hex").slice(0, 44)}`;
}
