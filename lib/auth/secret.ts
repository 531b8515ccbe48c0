import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "../env";

// Outside demo mode AUTH_SECRET is required (lib/env.ts). In demo mode a random secret is made once and kept
// under the data directory, so sessions survive restarts without anyone configuring anything.
export function authSecret(): string {
  const e = env();
  if (e.authSecret) return e.authSecret;
  const file = path.resolve(e.dataDir, "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
  } catch (error) {
    // Another process wrote it first: use theirs, so every process signs sessions with the same secret.
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return readFileSync(file, "utf8").trim();
}
