// `npm run bench -- drain --direct [--operations 5000] [--speed 4]`: the budget and the client alone, without
// the pipeline in front of them, to tell what QuickBooks' limits allow through lib/qbo/budget from what the
// sync pipeline leaves unused. Two "processes" (two budgets on two database pools, two clients) with five
// workers each drain a queue of Customer creates: a batch of 30 while the minute has batch calls left, single
// calls with the rest of its requests, as the drainer is meant to. Same simulator, same limits, same clock
// as the full run. Prints one JSON line with the same keys.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { z } from "zod";
import { createPrismaClient } from "../../lib/db/create-client";
import { DEMO_INTUIT_APP } from "../../lib/env";
import { createQboBudget } from "../../lib/qbo/budget/budget";
import { QBO_LIMITS } from "../../lib/qbo/budget/limits";
import { createQboClient } from "../../lib/qbo/client/create-client";
import { QboError } from "../../lib/qbo/client/qbo-error";
import { migrateDatabase, openDatabase } from "../../scripts/lib/database";
import { freePort } from "../../scripts/lib/free-port";
import { startQboSim } from "../../sim/quickbooks";
import { floorMinutes, reconcile } from "./count";

const TokensSchema = z.object({ access_token: z.string() });
const round = (n: number, digits = 3) => Number(n.toFixed(digits));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runDirect(options: { operations: number; speed: number; log: (line: string) => void }): Promise<Record<string, unknown>> {
  const windowMs = Math.round(60_000 / options.speed);
  const database = await openDatabase({ dataDir: await mkdtemp(path.join(tmpdir(), "ledgerwire-bench-direct-pg-")), port: await freePort(), database: "ledgerwire_bench" });
  const sim = await startQboSim({ apps: [{ ...DEMO_INTUIT_APP, redirectUris: [] }], clock: { speed: options.speed } });
  try {
    await migrateDatabase(database.url);
    const { realmId } = sim.createCompany({ name: "Direct Co" });
    const counts = { admitted: 0, throttled: 0, batches: 0 };
    const acquire = sim.core.limiter.acquire.bind(sim.core.limiter);
    sim.core.limiter.acquire = (realm, isBatch, clientId) => {
      const ok = acquire(realm, isBatch, clientId);
      counts[ok ? "admitted" : "throttled"]++;
      if (ok && isBatch) counts.batches++;
      return ok;
    };
    const token = TokensSchema.parse(sim.issueTokens({ clientId: DEMO_INTUIT_APP.clientId, realmId })).access_token;
    const pools = [createPrismaClient(database.url, { max: 4 }), createPrismaClient(database.url, { max: 4 })];
    const processes = pools.map((db) => {
      const budget = createQboBudget({ db, windowMs });
      const client = createQboClient({ baseUrl: sim.url, realmId, budget, tokens: { get: async () => token, refresh: async () => token } });
      return { budget, client };
    });
    const before = new Set(Object.keys(sim.state.realms[realmId]!.entities.Customer ?? {}));
    const queue = Array.from({ length: options.operations }, (_, i) => i);
    let done = 0;
    let failures = 0;
    const started = performance.now();
    let finished = started;

    async function worker(p: (typeof processes)[number]) {
      while (queue.length > 0) {
        const left = await p.budget.remaining(realmId);
        const useBatch = left.batchesLeft > 0 && queue.length > 1;
        const items = queue.splice(0, useBatch ? QBO_LIMITS.batchItems : 1);
        if (items.length === 0) return;
        try {
          if (useBatch) {
            const results = await p.client.batch(items.map((i) => ({ bId: String(i), operation: "create", entity: "Customer", body: { DisplayName: `Direct ${i}` }, requestId: `direct-${i}` })));
            const retry = items.filter((i) => !results.get(String(i))?.ok);
            done += items.length - retry.length;
            queue.push(...retry);
          } else {
            await p.client.create("Customer", { DisplayName: `Direct ${items[0]}` }, { requestId: `direct-${items[0]}` });
            done++;
          }
          finished = performance.now();
        } catch (error) {
          // Throttled (by QuickBooks or by the budget's bound): put the work back and let the budget pace it.
          failures++;
          queue.push(...items);
          if (!(error instanceof QboError && error.retryable)) throw error;
          await sleep(Math.min(error.retryAfterMs ?? 100, windowMs / 60));
        }
      }
    }
    await Promise.all(processes.flatMap((p) => Array.from({ length: 5 }, () => worker(p))));
    const minutes = ((finished - started) * options.speed) / 60_000;
    const created = Object.keys(sim.state.realms[realmId]!.entities.Customer ?? {}).filter((id) => !before.has(id));
    const requests = counts.admitted + counts.throttled;
    options.log(`retried after a refusal: ${failures}`);
    await Promise.all(pools.map((db) => db.$disconnect()));
    const reconciliation = reconcile(created.map((id) => ({ entity: "Customer", id })), []);
    return {
      mode: "direct",
      speed: options.speed,
      operations: done,
      minutes: round(minutes),
      floor_minutes: round(floorMinutes(done)),
      ratio_to_floor: round(minutes / floorMinutes(done)),
      requests,
      batch_calls: counts.batches,
      share_429: requests > 0 ? round(counts.throttled / requests, 4) : 0,
      duplicates: Math.max(0, reconciliation.duplicates - options.operations),
      lost: Math.max(0, options.operations - created.length),
    };
  } finally {
    await sim.stop();
    await database.stop();
  }
}
