import type { Db } from "../db/create-client";
import { VERSION } from "../version";

export type PartStatus = "ok" | "error";
export type Health = { status: PartStatus; db: PartStatus; version: string; failing?: string[] };

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

export async function checkHealth(db: Db): Promise<Health> {
  const dbStatus: PartStatus = await withTimeout(db.$queryRaw`SELECT 1`, DB_TIMEOUT_MS).then(
    () => "ok",
    () => "error",
  );
  const failing = dbStatus === "ok" ? [] : ["db"];
  return failing.length === 0
    ? { status: "ok", db: dbStatus, version: VERSION }
    : { status: "error", db: dbStatus, version: VERSION, failing };
}
