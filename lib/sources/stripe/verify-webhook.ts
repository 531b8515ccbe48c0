import Stripe from "stripe";

// Stripe signs `<timestamp>.<body>` with each endpoint secret and sends `Stripe-Signature: t=…,v1=…`. The
// official package checks it (constant-time compare, and the timestamp within its tolerance, which defeats
// replays of an old captured delivery); we only try each of the connection's secrets (two while rotating).
const TOLERANCE_SECONDS = Stripe.webhooks.DEFAULT_TOLERANCE;

const utf8 = new TextDecoder("utf-8", { fatal: true });

export function verifyStripeSignature(rawBody: Uint8Array, header: string, secrets: readonly string[], nowSeconds?: number): boolean {
  return verifyWithTolerance(rawBody, header, secrets, TOLERANCE_SECONDS, nowSeconds);
}

/**
 * After verifyStripeSignature refused a delivery: true when the signature is right for the body and one of the
 * secrets, so only its timestamp is outside the tolerance. Only computed for refusals, so accepted deliveries
 * pay nothing for it; it tells a sender with a wrong clock (or a replay) what is actually wrong.
 */
export function isStaleStripeSignature(rawBody: Uint8Array, header: string, secrets: readonly string[]): boolean {
  // A tolerance of 0 turns the package's age check off; the HMAC is still checked.
  return verifyWithTolerance(rawBody, header, secrets, 0);
}

export const STRIPE_TOLERANCE_SECONDS = TOLERANCE_SECONDS;

function verifyWithTolerance(rawBody: Uint8Array, header: string, secrets: readonly string[], tolerance: number, nowSeconds?: number): boolean {
  // The package computes its HMAC over the body decoded as a string, and invalid UTF-8 decodes to U+FFFD: bytes
  // Stripe never signed could then pass with a signature of the replaced text. Stripe sends UTF-8 JSON only, and
  // for valid UTF-8 the decoded text re-encodes to the same bytes, so refusing the rest keeps this a check of the
  // raw bytes.
  let text: string;
  try {
    text = utf8.decode(rawBody);
  } catch {
    return false;
  }
  // An empty `v1=` (or a bare `v1`) is no signature, but the package's compare throws a plain Error on it rather
  // than its verification error; dropped here, a header left with no signature fails verification as it should.
  const signed = header
    .split(",")
    .filter((item) => !/^v1=?$/.test(item))
    .join(",");
  const signature = Stripe.webhooks.signature;
  if (!signature) throw new Error("The stripe package has no signature helper");
  // The package's `receivedAt` is in milliseconds (it divides by 1000), while Stripe's `t=` and our argument are
  // seconds: handed on as they are, a time in seconds reads as 1970 and no signature is ever too old.
  const receivedAtMs = nowSeconds === undefined ? undefined : nowSeconds * 1000;
  let valid = false;
  for (const secret of secrets) {
    try {
      if (signature.verifyHeader(text, signed, secret, tolerance, undefined, receivedAtMs)) valid = true;
    } catch (error) {
      if (!(error instanceof Stripe.errors.StripeSignatureVerificationError)) throw error;
    }
  }
  return valid;
}
