// `npm run bench -- drain [--events 3000] [--speed 4] [--seed S] [--timeout-minutes 30] [--live]`: a backlog of
// signed Stripe events for one company drained into the QuickBooks simulator with QuickBooks' limits on (500
// requests and 40 batch calls a minute, 10 at once). The backlog forms as it does when a company's token was
// lost: the connection needs reconnecting while the events arrive, are normalised and planned (postings wait,
// PENDING); then it is reconnected (the qbo/connection.connected event the Connect flow sends) and the drain is
// timed from that moment to the last posting posted. `--live` sends the events to a connected company instead,
// so the time also includes normalising and planning them (the app's own rate, not QuickBooks'). The simulator's clock runs
// `--speed` times faster and the app's shared budget (lib/qbo/budget) is told the same shorter minute
// (QBO_BUDGET_WINDOW_MS = 60 000 / speed), so both count one minute alike and "minutes" below are QuickBooks
// minutes. The floor is what the limits allow at best: operations / 1,660 a minute. The last line is one JSON
// object (docs/BENCHMARKS.md). `--direct` measures the budget and client alone (bench/drain/direct.ts).
import { parseArgs } from "node:util";
import { partLog } from "../../scripts/lib/parts";
import { floorMinutes, lostCount } from "./count";
import { runDirect } from "./direct";
import { startPipeline } from "./harness";
import { inboundCounts, markSim, postingCounts, reconcileWithQbo } from "./observe";

const { values } = parseArgs({
  options: {
    events: { type: "string", default: "3000" },
    speed: { type: "string", default: "4" },
    seed: { type: "string", default: "bench-drain" },
    "timeout-minutes": { type: "string", default: "30" },
    concurrency: { type: "string", default: "16" },
    direct: { type: "boolean", default: false },
    operations: { type: "string", default: "5000" },
    live: { type: "boolean", default: false },
  },
});
const events = Number(values.events);
const speed = Number(values.speed);
const log = partLog("bench");
const round = (n: number, digits = 3) => Number(n.toFixed(digits));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

if (values.direct) {
  const figures = await runDirect({ operations: Number(values.operations), speed, log });
  console.log(JSON.stringify(figures));
  process.exit(figures.duplicates === 0 && figures.lost === 0 ? 0 : 1);
}

const pipeline = await startPipeline({ speed, seed: `${values.seed}-${Date.now()}`, log });
let exitCode = 0;
let lastLine: string | undefined;
try {
  const { db, sim, realmId, limiter } = pipeline;
  const deliveries = Array.from({ length: events }, () => pipeline.nextDelivery());
  const connection = await db.qboConnection.findFirstOrThrow({ where: { realmId }, select: { id: true, workspaceId: true } });
  const backlog = !values.live;
  if (backlog) await db.qboConnection.update({ where: { id: connection.id }, data: { status: "NEEDS_RECONNECT" } });
  let mark = markSim(sim, realmId);
  let limiterAtStart = { ...limiter };
  log(`sending ${events} Stripe events (simulator clock x${speed}, budget minute ${Math.round(60_000 / speed)} ms)`);
  const started = performance.now();
  let acknowledged = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: Number(values.concurrency) }, async () => {
      while (next < deliveries.length) {
        const delivery = deliveries[next++]!;
        if ((await pipeline.send(delivery)) === 200) acknowledged++;
      }
    }),
  );
  log(`${acknowledged} acknowledged in ${round((performance.now() - started) / 1000, 1)} s; ${backlog ? "planning while the company needs reconnecting" : "draining"}`);

  // Backlog: wait until every event is normalised and planned, then reconnect and time the drain from there.
  let drainFrom: Date | null = null;
  let plannedPerSecond: number | null = null;
  if (backlog) {
    const planDeadline = Date.now() + Number(values["timeout-minutes"]) * 60_000;
    for (let lastReport = 0; ; ) {
      const inbound = await inboundCounts(db);
      if ((inbound.waiting === 0 && inbound.stored >= acknowledged) || Date.now() > planDeadline) break;
      if (Date.now() - lastReport > 10_000) {
        lastReport = Date.now();
        log(`${inbound.waiting} of ${inbound.stored} events not yet planned`);
      }
      await sleep(250);
    }
    plannedPerSecond = events / ((performance.now() - started) / 1000);
    const waiting = await postingCounts(db);
    log(`backlog of ${waiting.byStatus.PENDING ?? 0} postings planned (${round(plannedPerSecond, 1)} events a second from the first webhook); reconnecting`);
    mark = markSim(sim, realmId);
    limiterAtStart = { ...limiter };
    await db.qboConnection.update({ where: { id: connection.id }, data: { status: "CONNECTED" } });
    drainFrom = new Date();
    await pipeline.sendEvent("qbo/connection.connected", { workspaceId: connection.workspaceId, connectionId: connection.id, realmId });
  }

  // Done when nothing is waiting to be normalised and no posting is left to send, twice in a row.
  const deadline = Date.now() + Number(values["timeout-minutes"]) * 60_000;
  let quiet = 0;
  let lastReport = 0;
  for (;;) {
    const [inbound, postings] = await Promise.all([inboundCounts(db), postingCounts(db)]);
    const idle = inbound.waiting === 0 && inbound.stored >= acknowledged && postings.total > 0 && postings.unfinished === 0;
    quiet = idle ? quiet + 1 : 0;
    if (quiet >= 2 || Date.now() > deadline) break;
    if (Date.now() - lastReport > 10_000) {
      lastReport = Date.now();
      log(`${inbound.waiting} of ${inbound.stored} events not yet planned, postings ${JSON.stringify(postings.byStatus)}, requests ${limiter.admitted - limiterAtStart.admitted} (batch calls ${limiter.batches - limiterAtStart.batches}), 429s ${limiter.throttled - limiterAtStart.throttled}`);
    }
    await sleep(500);
  }
  const last = await db.posting.aggregate({ _max: { postedAt: true }, where: { status: "POSTED" } });
  const first = await db.inboundEvent.aggregate({ _min: { receivedAt: true } });
  const from = drainFrom ?? first._min.receivedAt;
  const realMs = last._max.postedAt && from ? last._max.postedAt.getTime() - from.getTime() : performance.now() - started;
  // When 99 % of the postings were in: a posting left waiting (a payout for its charges, say) shows here apart.
  const postedTimes = (await db.posting.findMany({ where: { status: "POSTED" }, select: { postedAt: true } })).map((p) => p.postedAt!.getTime()).sort((a, b) => a - b);
  const p99At = postedTimes[Math.max(0, Math.ceil(postedTimes.length * 0.99) - 1)];
  const realm = sim.state.realms[realmId]!;
  const operations = realm.changes.length - mark.changes;
  const minutes = (realMs * speed) / 60_000;
  const inbound = await inboundCounts(db);
  const postings = await postingCounts(db);
  const reconciliation = await reconcileWithQbo(db, sim, realmId, mark);
  const admitted = limiter.admitted - limiterAtStart.admitted;
  const throttled = limiter.throttled - limiterAtStart.throttled;
  const reads = realm.counters.reads - mark.reads;
  const result = {
    events,
    speed,
    operations,
    minutes: round(minutes),
    mode: backlog ? "backlog" : "live",
    minutes_to_99pct: p99At && from ? round(((p99At - from.getTime()) * speed) / 60_000) : null,
    floor_minutes: round(floorMinutes(operations)),
    ratio_to_floor: operations > 0 ? round(minutes / floorMinutes(operations)) : null,
    requests: admitted + throttled,
    batch_calls: limiter.batches - limiterAtStart.batches,
    share_429: admitted + throttled > 0 ? round(throttled / (admitted + throttled), 4) : 0,
    duplicates: reconciliation.duplicates,
    lost: lostCount({ acknowledged, stored: inbound.stored, unfinishedPostings: postings.unfinished, missingInQbo: reconciliation.missingInQbo }),
    postings: postings.posted,
    // Refused by the planner for a reason a person must act on (e.g. a foreign-currency charge with multicurrency
    // off): in the exception queue, with the reason, by design; neither posted nor lost.
    in_exception: await db.canonicalEvent.count({ where: { status: "FAILED" } }),
    postings_by_status: postings.byStatus,
    reads,
    reads_per_txn: postings.posted > 0 ? round(reads / postings.posted, 4) : null,
    // Backlog mode: how fast the app normalised and planned the events (real seconds, first webhook to last plan).
    planned_events_per_s: plannedPerSecond === null ? null : round(plannedPerSecond, 1),
    end_to_end_real_s: last._max.postedAt && first._min.receivedAt ? round((last._max.postedAt.getTime() - first._min.receivedAt.getTime()) / 1000, 1) : null,
  };
  if (Date.now() > deadline) log(`gave up waiting after ${values["timeout-minutes"]} minutes`);
  if (result.duplicates > 0 || result.lost > 0) exitCode = 1;
  lastLine = JSON.stringify(result);
} catch (error) {
  log(`failed: ${(error as Error).stack ?? String(error)}`);
  exitCode = 1;
} finally {
  await pipeline.stop();
}
if (lastLine) console.log(lastLine);
process.exit(exitCode);
