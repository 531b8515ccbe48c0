import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { keyring, type Keyring } from "./keyring";

// Envelope encryption for secrets at rest (OAuth tokens, webhook secrets, API credentials). Each value gets its
// own random data key; the data key is sealed with the current key-encryption key. AES-256-GCM throughout.
// `context` (e.g. "qbo-connection:<id>:refresh") is authenticated but not stored: a ciphertext copied into
// another row or column fails to open.
//
// Format: v1.<keyId>.<iv>.<wrapped data key + tag>.<iv>.<ciphertext + tag>, base64url parts.

export type Sealed = { ciphertext: string; keyId: string };

/** A stored secret that cannot be opened: a server-side fault (an opaque 500), never the user's input. */
export class SecretUnreadableError extends Error {
  override name = "SecretUnreadableError";
}

const VERSION = "v1";

function gcmSeal(key: Buffer, plaintext: Buffer, aad: Buffer): [Buffer, Buffer] {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv).setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return [iv, body];
}

function gcmOpen(key: Buffer, iv: Buffer, body: Buffer, aad: Buffer): Buffer {
  if (iv.length !== 12 || body.length < 16) throw new Error("truncated");
  const decipher = createDecipheriv("aes-256-gcm", key, iv).setAAD(aad);
  decipher.setAuthTag(body.subarray(body.length - 16));
  return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]);
}

export function seal(plaintext: string, context: string, ring: Keyring = keyring()): Sealed {
  const kek = ring.keys.get(ring.current)!;
  const dataKey = randomBytes(32);
  const aad = Buffer.from(`${VERSION}|${ring.current}|${context}`);
  const [keyIv, wrapped] = gcmSeal(kek, dataKey, aad);
  const [iv, body] = gcmSeal(dataKey, Buffer.from(plaintext, "utf8"), aad);
  const parts = [keyIv, wrapped, iv, body].map((b) => b.toString("base64url"));
  return { ciphertext: [VERSION, ring.current, ...parts].join("."), keyId: ring.current };
}

/** The key id a sealed value names (to find values still sealed under an old key). */
export function sealedKeyId(ciphertext: string): string | undefined {
  const [version, keyId] = ciphertext.split(".");
  return version === VERSION ? keyId : undefined;
}

export function open(ciphertext: string, context: string, ring: Keyring = keyring()): string {
  const [version, keyId, ...rest] = ciphertext.split(".");
  if (version !== VERSION || rest.length !== 4 || !keyId) throw new SecretUnreadableError("A stored secret is not in a format this version can read.");
  const kek = ring.keys.get(keyId);
  if (!kek) throw new SecretUnreadableError(`A stored secret is sealed with key "${keyId}", which ENCRYPTION_KEYS no longer lists.`);
  const [keyIv, wrapped, iv, body] = rest.map((p) => Buffer.from(p, "base64url")) as [Buffer, Buffer, Buffer, Buffer];
  const aad = Buffer.from(`${VERSION}|${keyId}|${context}`);
  try {
    const dataKey = gcmOpen(kek, keyIv, wrapped, aad);
    return gcmOpen(dataKey, iv, body, aad).toString("utf8");
  } catch {
    throw new SecretUnreadableError("A stored secret failed its integrity check (tampered, or opened in the wrong place).");
  }
}
