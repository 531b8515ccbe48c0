"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { callApi } from "@/components/ui/api";
import { Button } from "@/components/ui/button";

export function RevokeApiKeyButton({ slug, apiKey }: { slug: string; apiKey: { id: string; name: string } }) {
  const router = useRouter();
  const revoke = useMutation({ mutationFn: () => callApi("DELETE", `/api/w/${slug}/api-keys/${apiKey.id}`), onSuccess: () => router.refresh() });
  return (
    <div>
      <Button
        variant="danger"
        disabled={revoke.isPending}
        aria-label={`Revoke ${apiKey.name}`}
        onClick={() => {
          if (window.confirm(`Revoke the key “${apiKey.name}”? Every request made with it is refused from now on. This cannot be undone.`)) revoke.mutate();
        }}
      >
        {revoke.isPending ? "Revoking…" : "Revoke"}
      </Button>
      {revoke.isError ? (
        <p role="alert" className="mt-1 text-sm text-red-700">
          {revoke.error.message}
        </p>
      ) : null}
    </div>
  );
}
