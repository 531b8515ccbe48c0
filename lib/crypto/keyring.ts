import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "../env";
import { parseKeyring, type Keyring } from "./parse-keyring";

export { KeyringError, parseKeyring, type Keyring } from "./parse-keyring";

// Key-encryption keys. ENCRYPTION_KEYS lists them as `id:base64key` pairs, newest first: the first seals new
// values, all of them open old ones, so a key can be rotated without downtime (add the new key in front,
// run `npm run crypto:reencrypt`, then drop the old one). In demo mode one key is made once under the data
// directory, like the session secret.

function demoKeyring(dataDir: string): Keyring {
  const file = path.resolve(dataDir, "encryption-keys");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    try {
      writeFileSync(file, `demo1:${randomBytes(32).toString("base64")}`, { mode: 0o600, flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error; // another process made it first
    }
  }
  return parseKeyring(readFileSync(file, "utf8"));
}

let cached: { source: string; keyring: Keyring } | undefined;

/** The keyring of this process; re-read when ENCRYPTION_KEYS changes (tests rotate keys). */
export function keyring(): Keyring {
  const e = env();
  const source = process.env.ENCRYPTION_KEYS ?? "";
  if (cached?.source === source) return cached.keyring;
  const ring = source ? parseKeyring(source) : e.demoMode ? demoKeyring(e.dataDir) : undefined;
  if (!ring) throw new Error("ENCRYPTION_KEYS is required when demo mode is off.");
  cached = { source, keyring: ring };
  return ring;
}
