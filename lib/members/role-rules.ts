import type { Role } from "../db/generated/enums";
import { AppError } from "../errors/app-error";
import { can } from "../auth/permissions";

// Who may give or take which role. Owners hold the keys to the workspace, so only an owner may make or unmake
// an owner, and a workspace always keeps at least one.

export function assertCanAssignRole(actorRole: Role, role: Role): void {
  if (!can(actorRole, "members.manage")) throw new AppError("FORBIDDEN", "Your role cannot manage members.");
  if (role === "OWNER" && actorRole !== "OWNER") throw new AppError("FORBIDDEN", "Only an owner can make someone an owner.");
}

export function assertCanChangeMember(input: { actorRole: Role; currentRole: Role; newRole: Role | null; ownerCount: number }): void {
  const { actorRole, currentRole, newRole, ownerCount } = input;
  if (!can(actorRole, "members.manage")) throw new AppError("FORBIDDEN", "Your role cannot manage members.");
  if (newRole !== null) assertCanAssignRole(actorRole, newRole);
  if (currentRole === "OWNER" && actorRole !== "OWNER") throw new AppError("FORBIDDEN", "Only an owner can change or remove an owner.");
  if (currentRole === "OWNER" && newRole !== "OWNER" && ownerCount <= 1) {
    throw new AppError("CONFLICT", "A workspace needs at least one owner: make someone else an owner first.");
  }
}
