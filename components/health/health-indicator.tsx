"use client";

import { useQuery } from "@tanstack/react-query";

type Health = { status: "ok" | "error"; db: "ok" | "error"; version: string; failing?: string[] };

async function fetchHealth(): Promise<Health> {
  const response = await fetch("/api/health", { cache: "no-store" });
  // 503 still carries a body naming the failing part, which is what the indicator shows.
  return (await response.json()) as Health;
}

const LABELS: Record<string, string> = { db: "database" };

export function HealthIndicator() {
  const { data, isPending, isError } = useQuery({ queryKey: ["health"], queryFn: fetchHealth, refetchInterval: 15_000 });

  const state = isPending ? "checking" : isError ? "unreachable" : data.status;
  const text =
    state === "checking"
      ? "Checking system status…"
      : state === "unreachable"
        ? "Cannot reach the server"
        : state === "ok"
          ? "All systems ok"
          : `Degraded: ${(data?.failing ?? []).map((part) => LABELS[part] ?? part).join(", ")} unavailable`;
  const dot = state === "ok" ? "bg-emerald-500" : state === "checking" ? "bg-slate-400" : "bg-red-500";

  return (
    <p role="status" aria-live="polite" data-health={state} className="inline-flex items-center gap-2 text-sm text-slate-600">
      <span aria-hidden="true" className={`inline-block size-2.5 rounded-full ${dot}`} />
      <span>{text}</span>
      {data?.version ? <span className="text-slate-400">v{data.version}</span> : null}
    </p>
  );
}
