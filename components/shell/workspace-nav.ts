import type { Permission } from "@/lib/auth/permissions";

// The workspace's sections, in the header and in Settings. One list, so the header, the Settings sub-navigation
// and the Settings landing page agree on what exists and who may see it.
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
