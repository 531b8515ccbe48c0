// CPU time by part of the system (Linux /proc), so a benchmark can say where each request's time goes: the web
// server, PostgreSQL, the bare reference, or the load generator itself. Elsewhere it reports nothing.
import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100;

type Group = "web" | "postgres" | "bare" | "loadgen";

function groupOf(pid: number, comm: string, cmdline: string): Group | null {
  if (pid === process.pid) return "loadgen";
  if (comm === "postgres") return "postgres";
  if (cmdline.includes("bare-server")) return "bare";
  if (cmdline.includes("next-server") || cmdline.includes("next start") || comm.startsWith("next-server")) return "web";
  return null;
}

/** Seconds of CPU (user + system) used so far by each group's live processes. */
export function cpuSeconds(): Record<Group, number> {
  const totals: Record<Group, number> = { web: 0, postgres: 0, bare: 0, loadgen: 0 };
  let entries: string[];
  try {
    entries = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return totals;
  }
  for (const name of entries) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const cmdline = readFileSync(`/proc/${name}/cmdline`, "utf8").replace(/\0/g, " ");
      const group = groupOf(Number(name), comm, cmdline);
      if (group) totals[group] += (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
    } catch {
      // the process ended while we looked
    }
  }
  return totals;
}

/** CPU milliseconds per request for each group between two readings. */
export function cpuMsPerRequest(before: Record<Group, number>, after: Record<Group, number>, requests: number): Record<Group, number> {
  const per = (g: Group) => Number((((after[g] - before[g]) * 1000) / Math.max(requests, 1)).toFixed(3));
  return { web: per("web"), postgres: per("postgres"), bare: per("bare"), loadgen: per("loadgen") };
}
