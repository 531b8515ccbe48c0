import Stripe from "stripe";

// Stripe signs `<timestamp>.<body>` with each endpoint secret and sends `Stripe-Signature: t=…,v1=…`. The
// official package checks it (constant-time compare, and the timestamp within its tolerance, which defeats
// replays of an old captured delivery); we only try each of the connection's secrets (two while rotating).
const TOLERANCE_SECONDS = Stripe.webhooks.DEFAULT_TOLERANCE;

export function verifyStripeSignature(rawBody: Uint8Array, header: string, secrets: readonly string[], nowSeconds?: number): boolean {
  const signature = Stripe.webhooks.signature;
  if (!signature) throw new Error("The stripe package has no signature helper");
  let valid = false;
  for (const secret of secrets) {
    try {
      if (signature.verifyHeader(Buffer.from(rawBody), header, secret, TOLERANCE_SECONDS, undefined, nowSeconds)) valid = true;
    } catch (error) {
      if (!(error instanceof Stripe.errors.StripeSignatureVerificationError)) throw error;
    }
  }
  return valid;
}
