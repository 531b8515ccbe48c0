import { RATE_LIMITS } from "../rate-limit/rules";
import { takeRateLimit } from "../rate-limit/take-rate-limit";

/**
 * Email sign-in sends mail to whatever address is typed, so it is limited twice: per address that asks (a
 * script mailing strangers from one place) and per inbox (someone's mail flooded from many places). An unknown
 * address (no socket address reached us) is not counted under one shared key, which would let one caller lock
 * everyone out; the per-inbox limit still holds. Throws RATE_LIMITED (429 with Retry-After).
 */
export async function limitEmailSignIn(input: { email: string; ip: string | null }): Promise<void> {
  if (input.ip) await takeRateLimit(RATE_LIMITS.emailSignInPerAddress, input.ip);
  await takeRateLimit(RATE_LIMITS.emailSignInPerEmail, input.email.trim().toLowerCase());
}
