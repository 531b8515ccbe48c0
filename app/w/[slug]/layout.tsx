import Link from "next/link";
import type { ReactNode } from "react";
import { AccountMenu } from "@/components/shell/account-menu";
import { NavLinks } from "@/components/shell/nav-links";
import { MAIN_NAV, SETTINGS_NAV } from "@/components/shell/workspace-nav";
import { WorkspaceSwitcher } from "@/components/workspace/workspace-switcher";
import { can } from "@/lib/auth/permissions";
import { requireWorkspacePage } from "@/lib/tenancy/page-context";
import { listUserWorkspaces } from "@/lib/workspaces/list-user-workspaces";

export default async function WorkspaceLayout({ children, params }: { children: ReactNode; params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await requireWorkspacePage(slug);
  const workspaces = await listUserWorkspaces(ctx.user.id);
  const items = MAIN_NAV.filter((item) => can(ctx.role, item.permission)).map((item) => ({ ...item, exact: item.href === "" }));
  // Settings shows when any of its sections is open to this role; it lands on the first one they may see.
  if (SETTINGS_NAV.some((item) => can(ctx.role, item.permission))) items.push({ href: "/settings", label: "Settings", permission: "workspace.read", exact: false });

  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        {/* One row from tablet width up; on a phone the links get their own row and scroll sideways. */}
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 sm:px-6 md:flex-nowrap">
          <Link href={`/w/${slug}`} className="shrink-0 font-semibold text-brand-900">
            Ledgerwire
          </Link>
          <div className="min-w-0 shrink">
            <WorkspaceSwitcher current={slug} workspaces={workspaces} />
          </div>
          <div className="order-last w-full min-w-0 md:order-none md:w-auto md:flex-1">
            <NavLinks base={`/w/${slug}`} items={items} label="Workspace sections" />
          </div>
          <div className="ml-auto shrink-0">
            <AccountMenu email={ctx.user.email} role={ctx.role.toLowerCase()} />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-8 sm:px-6">{children}</main>
    </div>
  );
}
