import { forbidden, redirect } from "next/navigation";
import { SETTINGS_NAV } from "@/components/shell/workspace-nav";
import { can } from "@/lib/auth/permissions";
import { requireWorkspacePage } from "@/lib/tenancy/page-context";

// /settings itself has nothing of its own: it opens the first section this role may see.
export default async function SettingsIndex({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await requireWorkspacePage(slug);
  const first = SETTINGS_NAV.find((item) => can(ctx.role, item.permission));
  if (!first) forbidden();
  redirect(`/w/${encodeURIComponent(slug)}${first.href}`);
}
