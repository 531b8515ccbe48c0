import type { Metadata } from "next";
import { InvitationRow } from "@/components/members/invitation-row";
import { InviteForm } from "@/components/members/invite-form";
import { MemberRow } from "@/components/members/member-row";
import { EmptyState } from "@/components/ui/notice";
import { ROLES } from "@/lib/auth/permissions";
import { listOpenInvitations } from "@/lib/invitations/list-invitations";
import { listMembers } from "@/lib/members/list-members";
import { requireWorkspacePage } from "@/lib/tenancy/page-context";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await requireWorkspacePage(slug, "members.manage");
  const [members, invitations] = await Promise.all([listMembers(ctx), listOpenInvitations(ctx)]);
  // Only owners can hand out the owner role; the server enforces it too (lib/members/role-rules.ts).
  const assignable = ROLES.filter((r) => r !== "OWNER" || ctx.role === "OWNER");

  return (
    <div className="space-y-10">
      <section aria-labelledby="members-heading">
        <h1 id="members-heading" className="text-2xl font-semibold">
          Members
        </h1>
        <table className="mt-4 w-full text-left">
          <thead className="text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th className="pb-2 font-medium">Person</th>
              <th className="pb-2 font-medium">Role</th>
              <th className="pb-2">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <MemberRow key={m.id} slug={slug} member={m} roles={assignable} isSelf={m.user.id === ctx.user.id} />
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="invite-heading" className="rounded-xl border border-slate-200 bg-white p-5">
        <h2 id="invite-heading" className="font-semibold">
          Invite someone
        </h2>
        <div className="mt-4">
          <InviteForm slug={slug} roles={assignable} />
        </div>
      </section>

      <section aria-labelledby="invitations-heading">
        <h2 id="invitations-heading" className="font-semibold">
          Open invitations
        </h2>
        {invitations.length === 0 ? (
          <div className="mt-3">
            <EmptyState title="No invitations waiting">Invitations you send appear here until they are accepted.</EmptyState>
          </div>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100">
            {invitations.map((i) => (
              <InvitationRow key={i.id} slug={slug} invitation={{ id: i.id, email: i.email, role: i.role, expiresAt: i.expiresAt.toISOString() }} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
