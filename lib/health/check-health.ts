import type { Db } from "../db/create-client";
import { countStrandedEvents } from "../jobs/sweep-stranded-events";
import { VERSION } from "../version";

export type PartStatus = "ok" | "error";
/**
 * `stranded` counts inbound events still waiting after the grace period: the catch-up sweep is retrying them, so
 * a backlog is shown but does not turn the status red (it gives up on each, with an exception, after its tries).
 */
export type Health = { status: PartStatus; db: PartStatus; version: string; stranded?: number; failing?: string[] };

const DB_TIMEOUT_MS = 2_000;

// A part that hangs is as broken as one that fails: each check has a deadline so /api/health answers fast.
async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

export async function checkHealth(db: Db, options: { strandedGraceMs?: number } = {}): Promise<Health> {
  const dbStatus: PartStatus = await withTimeout(db.$queryRaw`SELECT 1`, DB_TIMEOUT_MS).then(
    () => "ok",
    () => "error",
  );
  if (dbStatus !== "ok") return { status: "error", db: dbStatus, version: VERSION, failing: ["db"] };
  const counted = { ...(options.strandedGraceMs === undefined ? {} : { graceMs: options.strandedGraceMs }) };
  const stranded = await withTimeout(countStrandedEvents(db, counted), DB_TIMEOUT_MS).catch(() => undefined);
  return { status: "ok", db: dbStatus, version: VERSION, ...(stranded === undefined ? {} : { stranded }) };
}
