"use client";

import { useRouter } from "next/navigation";

type Workspace = { slug: string; name: string };

export function WorkspaceSwitcher({ current, workspaces }: { current: string; workspaces: Workspace[] }) {
  const router = useRouter();
  return (
    <label className="flex min-w-0 items-center gap-2 text-sm">
      <span className="sr-only">Switch workspace</span>
      <select
        aria-label="Switch workspace"
        value={current}
        onChange={(event) => router.push(event.target.value === "__new" ? "/w/new" : `/w/${event.target.value}`)}
        className="w-full min-w-0 max-w-56 truncate rounded-lg border border-slate-300 bg-white px-2.5 py-1.5 text-sm font-medium"
      >
        {workspaces.map((w) => (
          <option key={w.slug} value={w.slug}>
            {w.name}
          </option>
        ))}
        <option value="__new">+ New workspace…</option>
      </select>
    </label>
  );
}
