import { createHmac, timingSafeEqual } from "node:crypto";

/** Compares two strings in time independent of where they differ (lengths may leak; values do not). */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  if (left.length !== right.length) {
    // Still spend the comparison so a length mismatch is not faster than a content mismatch.
    timingSafeEqual(left, left);
    return false;
  }
  return timingSafeEqual(left, right);
}

/** base64(HMAC-SHA256(key, bytes)): the signature scheme of Intuit and Shopify webhooks. */
export function hmacSha256Base64(key: string, bytes: Uint8Array): string {
  return createHmac("sha256", key).update(bytes).digest("base64");
}
