"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { callApi } from "@/components/ui/api";
import { Button } from "@/components/ui/button";

export function InvitationRow({ slug, invitation }: { slug: string; invitation: { id: string; email: string; role: string; expiresAt: string } }) {
  const router = useRouter();
  const revoke = useMutation({ mutationFn: () => callApi("DELETE", `/api/w/${slug}/invitations/${invitation.id}`), onSuccess: () => router.refresh() });
  return (
    <li className="flex items-center justify-between gap-4 py-3">
      <div>
        <div className="font-medium">{invitation.email}</div>
        <div className="text-sm text-slate-500">
          {invitation.role.toLowerCase()} · expires {new Date(invitation.expiresAt).toUTCString()}
        </div>
      </div>
      <Button variant="secondary" disabled={revoke.isPending} onClick={() => revoke.mutate()} aria-label={`Withdraw the invitation to ${invitation.email}`}>
        Withdraw
      </Button>
    </li>
  );
}
