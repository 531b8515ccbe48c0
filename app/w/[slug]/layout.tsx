import Link from "next/link";
import type { ReactNode } from "react";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { WorkspaceSwitcher } from "@/components/workspace/workspace-switcher";
import { can, type Permission } from "@/lib/auth/permissions";
import { requireWorkspacePage } from "@/lib/tenancy/page-context";
import { listUserWorkspaces } from "@/lib/workspaces/list-user-workspaces";

const NAV: { href: string; label: string; permission: Permission }[] = [
  { href: "", label: "Overview", permission: "workspace.read" },
  { href: "/connections", label: "Connections", permission: "workspace.read" },
  { href: "/mappings", label: "Mapping", permission: "workspace.read" },
  { href: "/members", label: "Members", permission: "members.manage" },
  { href: "/audit", label: "Audit log", permission: "audit.read" },
  { href: "/settings/api-keys", label: "API keys", permission: "apiKeys.manage" },
];

export default async function WorkspaceLayout({ children, params }: { children: ReactNode; params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await requireWorkspacePage(slug);
  const workspaces = await listUserWorkspaces(ctx.user.id);

  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-4 px-6 py-3">
          <Link href={`/w/${slug}`} className="font-semibold text-brand-900">
            Ledgerwire
          </Link>
          <WorkspaceSwitcher current={slug} workspaces={workspaces} />
          <nav aria-label="Workspace sections" className="flex gap-1 text-sm">
            {NAV.filter((item) => can(ctx.role, item.permission)).map((item) => (
              <Link key={item.label} href={`/w/${slug}${item.href}`} className="rounded-md px-2.5 py-1.5 text-slate-700 hover:bg-slate-100">
                {item.label}
              </Link>
            ))}
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm text-slate-600">
            <span>
              {ctx.user.email} · <span className="font-medium">{ctx.role.toLowerCase()}</span>
            </span>
            <SignOutButton variant="quiet" />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-6 py-8">{children}</main>
    </div>
  );
}
