import { createHash, randomBytes } from "node:crypto";

// A key is "lw_live_" + 32 random bytes in base64url (43 characters). The prefix lets people and secret scanners
// recognise a Ledgerwire key; the database keeps only the SHA-256 of the whole key, so a leaked database (or
// backup, or log of a query) authenticates nothing. A plain hash is enough, without salt or a slow KDF, because
// the key carries 256 bits of entropy: there is no dictionary to try.
export const API_KEY_PREFIX = "lw_live_";
export const API_KEY_PATTERN = /^lw_live_[A-Za-z0-9_-]{43}$/;

/** How many characters of the key are stored and shown to tell keys apart ("lw_live_ab12…"): 4 random ones. */
export const DISPLAY_PREFIX_LENGTH = 12;

export function generateApiKey(): { key: string; keyHash: string; prefix: string } {
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { key, keyHash: hashApiKey(key), prefix: key.slice(0, DISPLAY_PREFIX_LENGTH) };
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}
