import { hmacSha256Base64, safeEqual } from "../../crypto";

/**
 * `intuit-signature` is base64(HMAC-SHA256(verifier token, raw body bytes)). Every configured token is tried
 * (two while one is being rotated), each compared in constant time.
 */
export function verifyIntuitSignature(rawBody: Uint8Array, signature: string, tokens: readonly string[]): boolean {
  let valid = false;
  for (const token of tokens) {
    // No early exit: the time taken does not depend on which token matched.
    if (safeEqual(hmacSha256Base64(token, rawBody), signature)) valid = true;
  }
  return valid;
}
