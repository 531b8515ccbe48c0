import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SecretUnreadableError, open, parseKeyring, seal, sealedKeyId } from "./index";

const key = () => randomBytes(32).toString("base64");

describe("envelope encryption", () => {
  const ring = parseKeyring(`k1:${key()}`);

  it("opens what it sealed, for any text, and never stores the text", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 300 }), (secret) => {
        const sealed = seal(secret, "ctx", ring);
        expect(open(sealed.ciphertext, "ctx", ring)).toBe(secret);
        if (secret.length > 8) expect(sealed.ciphertext).not.toContain(secret);
        expect(sealed.keyId).toBe("k1");
      }),
    );
  });

  it("seals the same value differently each time", () => {
    expect(seal("refresh-token", "ctx", ring).ciphertext).not.toBe(seal("refresh-token", "ctx", ring).ciphertext);
  });

  it("refuses a ciphertext opened under another context, or with any part altered", () => {
    const { ciphertext } = seal("AB11-refresh", "qbo-connection:1:refresh", ring);
    expect(() => open(ciphertext, "qbo-connection:2:refresh", ring)).toThrow(SecretUnreadableError);
    const parts = ciphertext.split(".");
    for (let i = 2; i < parts.length; i++) {
      const altered = [...parts];
      const bytes = Buffer.from(altered[i]!, "base64url");
      bytes[0] = bytes[0]! ^ 1;
      altered[i] = bytes.toString("base64url");
      expect(() => open(altered.join("."), "qbo-connection:1:refresh", ring), `part ${i}`).toThrow(SecretUnreadableError);
    }
  });

  it("opens values sealed under an older key after rotation, and seals new ones under the newest", () => {
    const old = key();
    const before = parseKeyring(`k1:${old}`);
    const sealed = seal("token", "ctx", before);
    const after = parseKeyring(`k2:${key()},k1:${old}`);
    expect(open(sealed.ciphertext, "ctx", after)).toBe("token");
    expect(sealedKeyId(seal("token", "ctx", after).ciphertext)).toBe("k2");
    expect(() => open(sealed.ciphertext, "ctx", parseKeyring(`k2:${key()}`))).toThrow(/no longer lists/);
  });

  it("explains a malformed ENCRYPTION_KEYS in one sentence", () => {
    expect(() => parseKeyring("")).toThrow(/at least one/);
    expect(() => parseKeyring("k1:short")).toThrow(/32 bytes/);
    expect(() => parseKeyring(`k1:${key()},k1:${key()}`)).toThrow(/twice/);
    expect(() => parseKeyring(`bad id:${key()}`)).toThrow(/id:base64key/);
  });
});
