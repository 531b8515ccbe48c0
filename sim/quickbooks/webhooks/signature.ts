// The `intuit-signature` header: base64(HMAC-SHA256(key = the app's verifier token as UTF-8, message = the
// exact body bytes)). Signing the bytes that go on the wire (not a re-serialised object) is what lets a
// receiver verify over its raw body.
import { createHmac } from "node:crypto";

export function signWebhook(body: string | Uint8Array, verifierToken: string): string {
  return createHmac("sha256", Buffer.from(verifierToken, "utf8"))
    .update(typeof body === "string" ? Buffer.from(body, "utf8") : body)
    .digest("base64");
}
