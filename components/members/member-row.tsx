"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { callApi } from "@/components/ui/api";
import { Button } from "@/components/ui/button";

type Member = { id: string; role: string; user: { email: string; name: string | null } };

export function MemberRow({ slug, member, roles, isSelf }: { slug: string; member: Member; roles: string[]; isSelf: boolean }) {
  const router = useRouter();
  const change = useMutation({
    mutationFn: (role: string | null) =>
      role === null ? callApi("DELETE", `/api/w/${slug}/members/${member.id}`) : callApi("PATCH", `/api/w/${slug}/members/${member.id}`, { role }),
    onSuccess: () => router.refresh(),
  });
  const label = member.user.name ?? member.user.email;
  return (
    <tr className="border-t border-slate-100">
      <td className="py-3 pr-4">
        <div className="font-medium">
          {label}
          {isSelf ? <span className="ml-2 text-xs text-slate-500">(you)</span> : null}
        </div>
        <div className="text-sm text-slate-500">{member.user.email}</div>
        {change.isError ? (
          <p role="alert" className="mt-1 text-sm text-red-700">
            {change.error.message}
          </p>
        ) : null}
      </td>
      <td className="py-3 pr-4">
        <select
          aria-label={`Role of ${member.user.email}`}
          value={member.role}
          disabled={change.isPending}
          onChange={(event) => change.mutate(event.target.value)}
          className="rounded-lg border border-slate-300 bg-white px-2 py-1.5 text-sm"
        >
          {[...new Set([member.role, ...roles])].map((r) => (
            <option key={r} value={r}>
              {r.charAt(0) + r.slice(1).toLowerCase()}
            </option>
          ))}
        </select>
      </td>
      <td className="py-3 text-right">
        <Button variant="danger" disabled={change.isPending} onClick={() => change.mutate(null)} aria-label={`Remove ${member.user.email}`}>
          Remove
        </Button>
      </td>
    </tr>
  );
}
