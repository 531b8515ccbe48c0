"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { callApi } from "@/components/ui/api";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";

export function AcceptInvitationButton({ token, workspaceName }: { token: string; workspaceName: string }) {
  const router = useRouter();
  const accept = useMutation({
    mutationFn: () => callApi<{ workspace: { slug: string } }>("POST", `/api/invitations/${encodeURIComponent(token)}/accept`),
    onSuccess: ({ workspace }) => router.push(`/w/${workspace.slug}`),
  });
  return (
    <div className="space-y-3">
      <Button onClick={() => accept.mutate()} disabled={accept.isPending || accept.isSuccess}>
        {accept.isPending ? "Joining…" : `Join ${workspaceName}`}
      </Button>
      {accept.isError ? <Notice tone="error">{accept.error.message}</Notice> : null}
    </div>
  );
}
