import Link from "next/link";
import { redirect } from "next/navigation";
import { cookies } from "next/headers";
import { EmptyState } from "@/components/ui/notice";
import { requirePageUser } from "@/lib/tenancy/page-context";
import { ensureFirstWorkspace } from "@/lib/workspaces/ensure-first-workspace";
import { listUserWorkspaces } from "@/lib/workspaces/list-user-workspaces";

// Where sign-in lands: the workspace used last, else the first one; a first sign-in creates one.
export default async function AppHome() {
  const user = await requirePageUser("/app");
  await ensureFirstWorkspace(user);
  const workspaces = await listUserWorkspaces(user.id);
  const last = (await cookies()).get("lw_workspace")?.value;
  const target = workspaces.find((w) => w.slug === last) ?? workspaces[0];
  if (target) redirect(`/w/${target.slug}`);

  return (
    <main className="mx-auto max-w-xl px-6 py-16">
      <EmptyState title="You are not in any workspace yet">
        <p>If someone invited you, open the link in their invitation email to join their workspace.</p>
        <p className="mt-3">
          <Link href="/w/new" className="font-medium text-brand-700 underline">
            Or create a workspace of your own
          </Link>
        </p>
      </EmptyState>
    </main>
  );
}
