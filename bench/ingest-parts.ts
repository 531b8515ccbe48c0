// `npm run bench -- ingest-parts`: where a Stripe webhook's CPU goes, part by part, outside any framework, so a
// change to one part can be judged on its own (bench/ingest measures the whole route). Each part runs on the
// same 5 kB signed `charge.succeeded` deliveries bench/ingest sends: the signature check, the parse, building
// the statement's parameters, and the statement itself for groups of 50 deliveries, through Prisma's
// $queryRawUnsafe and through `pg` (what lib/ingest/store-deliveries.ts uses), against an embedded PostgreSQL
// with fsync and synchronous commit on. The last line is one JSON object with the figures (docs/BENCHMARKS.md).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { createPrismaClient } from "../lib/db/create-client";
import { storeDeliveriesParams, STORE_DELIVERIES_SQL, type DeliveryInput } from "../lib/ingest/delivery-sql";
import { parseJsonBody } from "../lib/ingest/read-body";
import { verifyStripeSignature } from "../lib/sources/stripe/verify-webhook";
import { migrateDatabase, openDatabase } from "../scripts/lib/database";
import { freePort } from "../scripts/lib/free-port";
import { cpuSeconds } from "./ingest/cpu";
import { stripeDelivery, STRIPE_SECRET } from "./ingest/payloads";

const COUNT = 20_000;
const GROUP = 50;
const figures: Record<string, number | Record<string, number>> = {};

/** Microseconds of this process's CPU per call of `fn` (per item when each call handles `items`), after a warm-up. */
function cpuMicros(name: string, calls: number, fn: (i: number) => void, items = 1): void {
  for (let i = 0; i < Math.min(calls, 2000); i++) fn(i);
  const start = process.cpuUsage();
  for (let i = 0; i < calls; i++) fn(i);
  const used = process.cpuUsage(start);
  figures[name] = Number(((used.user + used.system) / calls / items).toFixed(1));
  console.log(`${name}: ${figures[name]} µs`);
}

const deliveries = Array.from({ length: COUNT }, (_, i) => stripeDelivery("/", i));
const bodies = deliveries.map((d) => Buffer.from(d.body));
const toInput = (i: number, connectionId: string, workspaceId: string): DeliveryInput => {
  const { id, type } = JSON.parse(deliveries[i]!.body) as { id: string; type: string };
  return {
    source: "STRIPE",
    sourceConnectionId: connectionId,
    headers: { "content-type": "application/json", "stripe-signature": deliveries[i]!.headers["stripe-signature"]! },
    rawBody: bodies[i]!,
    parseError: null,
    events: [{ externalId: id, eventType: type, payloadIsBody: true, occurredAt: new Date(), workspaceId }],
  };
};

cpuMicros("verify_signature_us", COUNT, (i) => verifyStripeSignature(bodies[i]!, deliveries[i]!.headers["stripe-signature"]!, [STRIPE_SECRET]));
cpuMicros("parse_json_us", COUNT, (i) => parseJsonBody(bodies[i]!));
const inputs = deliveries.map((_, i) => toInput(i, "c", "w"));
cpuMicros("statement_params_us", COUNT / GROUP, (i) => storeDeliveriesParams(inputs.slice(i * GROUP, (i + 1) * GROUP)), GROUP);

const dataDir = await mkdtemp(path.join(tmpdir(), "ledgerwire-parts-pg-"));
const database = await openDatabase({ dataDir, port: await freePort(), database: "ledgerwire_parts" });
let exitCode = 0;
try {
  await migrateDatabase(database.url);
  const prisma = createPrismaClient(database.url, { max: 1 });
  const workspace = await prisma.workspace.create({ data: { slug: "parts", name: "Parts" } });
  const connection = await prisma.sourceConnection.create({ data: { workspaceId: workspace.id, kind: "STRIPE", name: "Parts Stripe" } });
  const stored = deliveries.map((_, i) => toInput(i, connection.id, workspace.id));
  const pool = new pg.Pool({ connectionString: database.url, max: 1 });
  let next = 0;

  // One group after another on one connection; CPU of this process (the client) and of PostgreSQL per delivery.
  async function statement(name: string, groups: number, run: (params: [string, string]) => Promise<unknown>): Promise<void> {
    const client = process.cpuUsage();
    const server = cpuSeconds();
    for (let g = 0; g < groups; g++, next += GROUP) await run(storeDeliveriesParams(stored.slice(next, next + GROUP)).params);
    const used = process.cpuUsage(client);
    const perDelivery = (micros: number) => Number((micros / (groups * GROUP)).toFixed(1));
    figures[name] = { client_us: perDelivery(used.user + used.system), postgres_us: perDelivery((cpuSeconds().postgres - server.postgres) * 1e6) };
    console.log(`${name}: ${JSON.stringify(figures[name])}`);
  }
  await statement("warm_up", 20, (params) => pool.query(STORE_DELIVERIES_SQL, params));
  await statement("store_with_prisma", 80, (params) => prisma.$queryRawUnsafe(STORE_DELIVERIES_SQL, ...params));
  await statement("store_with_pg", 80, (params) => pool.query(STORE_DELIVERIES_SQL, params));
  delete figures.warm_up;
  await prisma.$disconnect();
  await pool.end();
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  exitCode = 1;
} finally {
  await database.stop();
  await rm(dataDir, { recursive: true, force: true });
}
console.log(JSON.stringify({ bench: "ingest-parts", deliveries_per_statement: GROUP, ...figures }));
process.exit(exitCode);
