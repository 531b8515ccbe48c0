// `npm run ingest:replay -- --workspace <slug> [--since 2026-11-01] [--source stripe|shopify|api]`: re-derives
// canonical events from a workspace's stored raw events (lib/ingest/replay-inbound-events.ts). Safe to run any
// number of times: nothing posted is changed and nothing is doubled. Uses DATABASE_URL, or the embedded
// database of `npm run dev` (start it first).
import { parseArgs } from "node:util";
import { db } from "../lib/db";
import { replayInboundEvents } from "../lib/ingest/replay-inbound-events";
import { loadEnvOrExit } from "./lib/load-env-or-exit";

const SOURCES = { stripe: "STRIPE", shopify: "SHOPIFY", api: "API" } as const;

loadEnvOrExit();

const { values } = parseArgs({ options: { workspace: { type: "string" }, since: { type: "string" }, source: { type: "string" } } });
if (!values.workspace) {
  console.error("Name the workspace: npm run ingest:replay -- --workspace <slug> [--since YYYY-MM-DD] [--source stripe|shopify|api]");
  process.exit(2);
}
const since = values.since ? new Date(values.since) : undefined;
if (since && Number.isNaN(since.getTime())) {
  console.error(`--since expects a date like 2026-11-01, not "${values.since}".`);
  process.exit(2);
}
const source = values.source ? SOURCES[values.source.toLowerCase() as keyof typeof SOURCES] : undefined;
if (values.source && !source) {
  console.error(`--source expects stripe, shopify or api, not "${values.source}".`);
  process.exit(2);
}

try {
  const workspace = await db.workspace.findUnique({ where: { slug: values.workspace }, select: { id: true, name: true } });
  if (!workspace) throw new Error(`There is no workspace with the slug "${values.workspace}".`);
  console.log(`Replaying raw events of ${workspace.name}${since ? ` received since ${since.toISOString()}` : ""}${source ? ` from ${source}` : ""}…`);
  const report = await replayInboundEvents({
    workspaceId: workspace.id,
    ...(since ? { since } : {}),
    ...(source ? { source } : {}),
    onProgress: (done) => process.stdout.write(`\r${done} events re-derived`),
  });
  process.stdout.write("\n");
  console.log(
    `${report.events} raw events: ${report.created} canonical events created, ${report.updated} updated, ${report.unchanged} unchanged; ${report.ignored} ignored, ${report.failed} failed.`,
  );
  for (const line of report.errors) console.log(`  failed ${line}`);
  if (report.failed > 0) process.exitCode = 1;
} catch (error) {
  console.error(`Replay stopped: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
