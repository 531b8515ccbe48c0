import { createHash, randomBytes } from "node:crypto";

// The token travels only in the email; the database keeps its SHA-256, so a leaked database opens nothing.
export function newInvitationToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashInvitationToken(token) };
}

export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
