// Simulated Intuit accounts. The consent page asks only for an email; the same email always maps to the
// same account, so `sub` in id tokens and userinfo stays stable across sign-ins (apps key users on it).
import { randomUUID } from "node:crypto";
import type { SimCore } from "../core";
import type { SimUser } from "../state";

export const DEFAULT_EMAIL = "demo@intuit.example";

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}

/** "jane.doe@x" gives Jane Doe; a single word gives "<Word> User". */
function namesFrom(email: string): { givenName: string; familyName: string } {
  const parts = (email.split("@")[0] ?? "").split(/[._+-]+/).filter((p) => p !== "");
  const given = parts[0] ? capitalise(parts[0]) : "Sandbox";
  const family = parts.length > 1 ? parts.slice(1).map(capitalise).join(" ") : "User";
  return { givenName: given, familyName: family };
}

export function userForEmail(core: SimCore, email: string): SimUser {
  const normalised = email.trim().toLowerCase();
  const existing = Object.values(core.state.users).find((u) => u.email === normalised);
  if (existing) return existing;
  const user: SimUser = { sub: randomUUID(), email: normalised, ...namesFrom(normalised), realmIds: [] };
  core.state.users[user.sub] = user;
  return user;
}

export function linkRealm(user: SimUser, realmId: string | null): void {
  if (realmId && !user.realmIds.includes(realmId)) user.realmIds.push(realmId);
}

/** A loose check, like a browser's type="email": something@something. */
export function looksLikeEmail(text: string): boolean {
  return /^[^\s@]+@[^\s@]+$/.test(text.trim()) && text.length <= 254;
}
