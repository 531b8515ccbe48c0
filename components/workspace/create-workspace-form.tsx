"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi } from "@/components/ui/api";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";

export function CreateWorkspaceForm() {
  const router = useRouter();
  const [name, setName] = useState("");
  const create = useMutation({
    mutationFn: () => callApi<{ workspace: { slug: string } }>("POST", "/api/workspaces", { name }),
    onSuccess: ({ workspace }) => router.push(`/w/${workspace.slug}`),
  });
  return (
    <form
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate();
      }}
    >
      <TextField id="workspace-name" label="Workspace name" value={name} onChange={(e) => setName(e.target.value)} required minLength={2} maxLength={80} placeholder="Acme Inc." error={create.error?.message} />
      <Button type="submit" disabled={create.isPending}>
        {create.isPending ? "Creating…" : "Create workspace"}
      </Button>
    </form>
  );
}
