import { db } from "../db";
import type { EventSource } from "../db/generated/enums";
import { logger } from "../log/logger";

// Deliveries refused before anything is stored (bad signature, unknown connection) are only counted. Counts are
// kept in memory and added to the day's row every few seconds, so a flood of forged requests costs one upsert
// per flush rather than a write per request, and cannot fill the database.

export type RejectionReason = "SIGNATURE_INVALID" | "SIGNATURE_MISSING" | "CONNECTION_NOT_FOUND" | "NOT_CONFIGURED" | "TOO_LARGE";

const FLUSH_EVERY_MS = 5_000;
const pending = new Map<string, { source: EventSource; scope: string; reason: RejectionReason; count: number }>();
let timer: NodeJS.Timeout | null = null;

export function countRejection(source: EventSource, scope: string | null, reason: RejectionReason): void {
  const key = `${source}|${scope ?? "-"}|${reason}`;
  const entry = pending.get(key) ?? { source, scope: scope ?? "-", reason, count: 0 };
  entry.count += 1;
  pending.set(key, entry);
  timer ??= setTimeout(() => void flushRejections().catch((err: unknown) => logger.warn({ err }, "could not store rejection counts")), FLUSH_EVERY_MS);
  timer.unref();
}

/** Adds the counted rejections to today's rows (UTC day). */
export async function flushRejections(): Promise<void> {
  if (timer) clearTimeout(timer);
  timer = null;
  const entries = [...pending.values()];
  pending.clear();
  for (const e of entries) {
    await db.$executeRaw`
      INSERT INTO "IngestRejection" (id, source, scope, reason, day, count, "lastAt")
      VALUES (gen_random_uuid()::text, ${e.source}::"EventSource", ${e.scope}, ${e.reason}, (now() AT TIME ZONE 'UTC')::date, ${e.count}, now())
      ON CONFLICT (source, scope, reason, day) DO UPDATE SET count = "IngestRejection".count + EXCLUDED.count, "lastAt" = now()`;
  }
}
