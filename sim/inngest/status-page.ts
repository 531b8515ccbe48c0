import type { RunView } from "./runs";

// A plain page listing runs, refreshed every two seconds. The JSON API (/v1/runs) has the same facts.

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

export function statusPage(input: {
  runs: RunView[];
  apps: { appName: string; url: string; syncedAt: number }[];
  functions: number;
  backlog: { activeRuns: number; batchedEvents: number; debounced: number; blocked: number };
}): string {
  const rows = input.runs
    .map(
      (r) => `<tr><td>${escape(r.functionName)}</td><td class="${r.status}">${r.status}</td><td>${escape(r.eventName)}</td>
<td>${r.requests}</td><td>${r.retries}</td><td>${r.durationMs === null ? "" : `${r.durationMs} ms`}</td>
<td>${escape(r.lastError ?? "")}</td><td>${r.queuedAt}</td><td><a href="/v1/runs/${r.id}">${r.id.slice(0, 8)}</a></td></tr>`,
    )
    .join("\n");
  const apps = input.apps.length
    ? input.apps.map((a) => `<li>${escape(a.appName)} at ${escape(a.url)}, synced ${new Date(a.syncedAt).toISOString()}</li>`).join("")
    : "<li>No app has synced yet. The app syncs when its serve handler receives a PUT.</li>";
  const { activeRuns, batchedEvents, debounced, blocked } = input.backlog;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="2">
<title>Local Inngest executor</title>
<style>body{font:14px system-ui,sans-serif;margin:2rem;color:#1f2937}table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #e5e7eb;padding:.35rem .5rem;text-align:left;vertical-align:top}
.failed{color:#b91c1c}.completed{color:#047857}.cancelled{color:#6b7280}.note{background:#fef3c7;padding:.5rem 1rem}</style>
</head><body><h1>Local Inngest executor</h1>
<p class="note">A development stand-in for Inngest's server: it keeps runs in memory and forgets them when it stops.
Production runs on Inngest Cloud or a self-hosted Inngest server.</p>
<h2>Apps</h2><ul>${apps}</ul><p>${input.functions} functions registered. ${activeRuns} runs in progress,
${batchedEvents} events waiting in batches, ${debounced} debounced, ${blocked} steps waiting for a concurrency slot.</p>
<h2>Runs</h2>${
    input.runs.length
      ? `<table><thead><tr><th>Function</th><th>Status</th><th>Event</th><th>Calls</th><th>Retries</th><th>Duration</th><th>Last error</th><th>Queued</th><th>Run</th></tr></thead><tbody>${rows}</tbody></table>`
      : "<p>No runs yet. Send an event to start one.</p>"
  }</body></html>`;
}
