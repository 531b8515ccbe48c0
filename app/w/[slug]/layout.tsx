import Link from "next/link";
import type { ReactNode } from "react";
import { AccountMenu } from "@/components/shell/account-menu";
import { NavLinks } from "@/components/shell/nav-links";
import { NavMenu } from "@/components/shell/nav-menu";
import { headerNav } from "@/components/shell/workspace-nav";
import { WorkspaceSwitcher } from "@/components/workspace/workspace-switcher";
import { requireWorkspacePage } from "@/lib/tenancy/page-context";
import { listUserWorkspaces } from "@/lib/workspaces/list-user-workspaces";

export default async function WorkspaceLayout({ children, params }: { children: ReactNode; params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await requireWorkspacePage(slug);
  const workspaces = await listUserWorkspaces(ctx.user.id);
  const items = headerNav(ctx.role);

  return (
    <div className="min-h-screen">
      {/* relative: the folded menu opens as a panel under the whole header. */}
      <header className="relative border-b border-slate-200 bg-white">
        {/* One row at every width: below laptop width the sections fold behind a Menu button (NavMenu). */}
        <div className="mx-auto flex max-w-6xl items-center gap-3 px-4 py-3 sm:px-6 lg:gap-4">
          <Link href={`/w/${slug}`} className="shrink-0 font-semibold text-brand-900">
            Ledgerwire
          </Link>
          <div className="min-w-0 shrink">
            <WorkspaceSwitcher current={slug} workspaces={workspaces} />
          </div>
          <NavMenu>
            <NavLinks base={`/w/${slug}`} items={items} label="Workspace sections" layout="header" />
          </NavMenu>
          <div className="shrink-0">
            <AccountMenu email={ctx.user.email} role={ctx.role.toLowerCase()} />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-8 sm:px-6">{children}</main>
    </div>
  );
}
