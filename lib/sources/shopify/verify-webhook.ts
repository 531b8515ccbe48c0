import { hmacSha256Base64, safeEqual } from "../../crypto";

/**
 * `X-Shopify-Hmac-Sha256` is base64(HMAC-SHA256(app secret, raw body bytes)). Shopify signs no timestamp, so
 * replays are stopped by X-Shopify-Webhook-Id deduplication instead.
 */
export function verifyShopifyHmac(rawBody: Uint8Array, header: string, secrets: readonly string[]): boolean {
  let valid = false;
  for (const secret of secrets) {
    if (safeEqual(hmacSha256Base64(secret, rawBody), header)) valid = true;
  }
  return valid;
}
