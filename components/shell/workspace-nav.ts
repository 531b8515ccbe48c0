import { can, type Permission } from "@/lib/auth/permissions";
import type { Role } from "@/lib/db/generated/enums";

// The workspace's sections, in the header and in Settings. One list, so the header, the Settings sub-navigation,
// the Settings landing page and the shell's end-to-end check agree on what exists and who may see it.
export type NavItem = { href: string; label: string; permission: Permission };

export const MAIN_NAV: NavItem[] = [
  { href: "", label: "Overview", permission: "workspace.read" },
  { href: "/connections", label: "Connections", permission: "workspace.read" },
  { href: "/mappings", label: "Mapping", permission: "workspace.read" },
  { href: "/audit", label: "Audit log", permission: "audit.read" },
];

export const SETTINGS_NAV: NavItem[] = [
  { href: "/settings/members", label: "Members", permission: "members.manage" },
  { href: "/settings/api-keys", label: "API keys", permission: "apiKeys.manage" },
  { href: "/settings/sources", label: "Sources", permission: "connections.manage" },
];

export type HeaderItem = { href: string; label: string; exact: boolean };

/** The header's sections for a role. Settings shows when any of its sections is open to the role; it lands on the first one they may see. */
export function headerNav(role: Role): HeaderItem[] {
  const items = MAIN_NAV.filter((item) => can(role, item.permission)).map(({ href, label }) => ({ href, label, exact: href === "" }));
  if (SETTINGS_NAV.some((item) => can(role, item.permission))) items.push({ href: "/settings", label: "Settings", exact: false });
  return items;
}
