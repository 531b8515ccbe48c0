import type { ReactNode } from "react";
import { NavLinks } from "@/components/shell/nav-links";
import { SETTINGS_NAV } from "@/components/shell/workspace-nav";
import { can } from "@/lib/auth/permissions";
import { requireWorkspacePage } from "@/lib/tenancy/page-context";

// Settings: the workspace's people and credentials, one section at a time, with the sections beside them.
export default async function SettingsLayout({ children, params }: { children: ReactNode; params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await requireWorkspacePage(slug);
  const items = SETTINGS_NAV.filter((item) => can(ctx.role, item.permission));
  return (
    <div className="grid gap-8 md:grid-cols-[12rem_1fr]">
      <aside>
        <p className="mb-2 px-2.5 text-xs font-medium uppercase tracking-wide text-slate-500">Settings</p>
        <NavLinks base={`/w/${slug}`} items={items} label="Settings sections" layout="column" />
      </aside>
      <div className="min-w-0">{children}</div>
    </div>
  );
}
