"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { callApi } from "@/components/ui/api";
import { Button } from "@/components/ui/button";

/** Reconnect (back through Intuit's consent page) and Disconnect (revokes at Intuit, erases tokens). */
export function ConnectionActions({ slug, connection }: { slug: string; connection: { id: string; companyName: string; status: string } }) {
  const router = useRouter();
  const reconnect = useMutation({
    mutationFn: () => callApi<{ authorizeUrl: string }>("POST", `/api/w/${slug}/qbo/connect`, { connectionId: connection.id }),
    onSuccess: ({ authorizeUrl }) => window.location.assign(authorizeUrl),
  });
  const disconnect = useMutation({
    mutationFn: () => callApi("POST", `/api/w/${slug}/qbo/connections/${connection.id}/disconnect`),
    onSuccess: () => router.refresh(),
  });
  const error = reconnect.error ?? disconnect.error;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button variant={connection.status === "CONNECTED" ? "secondary" : "primary"} disabled={reconnect.isPending || reconnect.isSuccess} onClick={() => reconnect.mutate()} aria-label={`Reconnect ${connection.companyName}`}>
        Reconnect
      </Button>
      {connection.status !== "DISCONNECTED" ? (
        <Button
          variant="danger"
          disabled={disconnect.isPending}
          aria-label={`Disconnect ${connection.companyName}`}
          onClick={() => {
            if (window.confirm(`Disconnect ${connection.companyName}? Ledgerwire stops posting to it until it is reconnected.`)) disconnect.mutate();
          }}
        >
          {disconnect.isPending ? "Disconnecting…" : "Disconnect"}
        </Button>
      ) : null}
      {error ? (
        <p role="alert" className="w-full text-sm text-red-700">
          {error.message}
        </p>
      ) : null}
    </div>
  );
}
