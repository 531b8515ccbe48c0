import type { Role } from "../db/generated/enums";

// The one permission table. The README's table is checked against this one by a test, so they cannot drift.
// Every role can read the workspace's dashboards; what follows is what else each role may do.
export const PERMISSIONS = {
  "connections.manage": ["OWNER", "ADMIN"], // connect or disconnect QuickBooks and sources
  "mappings.edit": ["OWNER", "ADMIN", "ACCOUNTANT"], // edit and activate account mappings
  "postings.approve": ["OWNER", "ADMIN", "ACCOUNTANT"], // approve held postings
  "exceptions.resolve": ["OWNER", "ADMIN", "ACCOUNTANT"], // retry or ignore exceptions
  "members.manage": ["OWNER", "ADMIN"], // invite, change roles, remove members
  "apiKeys.manage": ["OWNER", "ADMIN"], // create and revoke API keys
  "audit.read": ["OWNER", "ADMIN", "ACCOUNTANT"], // read the audit log
  "data.export": ["OWNER", "ADMIN", "ACCOUNTANT"], // export (CSV)
  "workspace.read": ["OWNER", "ADMIN", "ACCOUNTANT", "VIEWER"], // see the workspace at all
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export const ROLES: readonly Role[] = ["OWNER", "ADMIN", "ACCOUNTANT", "VIEWER"];

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** The roles that hold a permission, for use inside a membership `where` so a missing check fails closed. */
export function rolesWith(permission: Permission): Role[] {
  return [...PERMISSIONS[permission]];
}

// Segregation of duties: whoever asked for a hold cannot be the one who approves it, whatever their role.
export function canApproveHold(input: { role: Role; approverId: string; requestedById: string | null }): boolean {
  return can(input.role, "postings.approve") && input.requestedById !== input.approverId;
}
