"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi } from "@/components/ui/api";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";

export function InviteForm({ slug, roles }: { slug: string; roles: string[] }) {
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState("VIEWER");
  const invite = useMutation({
    mutationFn: () => callApi("POST", `/api/w/${slug}/invitations`, { email, role }),
    onSuccess: () => {
      setEmail("");
      router.refresh();
    },
  });
  return (
    <form
      aria-label="Invite a member"
      className="grid gap-3 sm:grid-cols-[1fr_12rem_auto] sm:items-end"
      onSubmit={(event) => {
        event.preventDefault();
        invite.mutate();
      }}
    >
      <TextField id="invite-email" label="Email address" type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
      <SelectField id="invite-role" label="Role" value={role} onChange={(e) => setRole(e.target.value)}>
        {roles.map((r) => (
          <option key={r} value={r}>
            {r.charAt(0) + r.slice(1).toLowerCase()}
          </option>
        ))}
      </SelectField>
      <Button type="submit" disabled={invite.isPending}>
        {invite.isPending ? "Sending…" : "Send invitation"}
      </Button>
      <div className="sm:col-span-3" aria-live="polite">
        {invite.isError ? <Notice tone="error">{invite.error.message}</Notice> : null}
        {invite.isSuccess ? <Notice tone="success">Invitation sent. It works once and expires in 7 days.</Notice> : null}
      </div>
    </form>
  );
}
