// Parsing ENCRYPTION_KEYS, kept apart from keyring.ts so lib/env.ts can validate it at start-up.

export type Keyring = { current: string; keys: ReadonlyMap<string, Buffer> };

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

export class KeyringError extends Error {}

export function parseKeyring(value: string): Keyring {
  const keys = new Map<string, Buffer>();
  for (const part of value.split(",").map((p) => p.trim()).filter(Boolean)) {
    const colon = part.indexOf(":");
    const id = part.slice(0, colon);
    const key = Buffer.from(part.slice(colon + 1), "base64");
    if (colon < 1 || !KEY_ID.test(id)) throw new KeyringError("ENCRYPTION_KEYS expects id:base64key pairs, with ids of letters, digits, _ or -.");
    if (key.length !== 32) throw new KeyringError(`ENCRYPTION_KEYS key "${id}" must be 32 bytes, base64-encoded (e.g. \`openssl rand -base64 32\`).`);
    if (keys.has(id)) throw new KeyringError(`ENCRYPTION_KEYS names key "${id}" twice.`);
    keys.set(id, key);
  }
  const current = keys.keys().next().value;
  if (current === undefined) throw new KeyringError("ENCRYPTION_KEYS expects at least one id:base64key pair.");
  return { current, keys };
}

