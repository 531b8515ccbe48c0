// `npm run bench -- latency [--events 40] [--gap-ms 300] [--seed S]`: one Stripe event at a time on an idle
// system, each sent only once the one before is in QuickBooks. Latency is from the moment the webhook is sent
// to the moment the simulator created the event's last posting (its own clock of the create, not a poll);
// events that post nothing (a customer's details) are left out. The simulator's clock runs at real speed with
// QuickBooks' limits on, the app's budget at its real minute. The last line is one JSON object
// (docs/BENCHMARKS.md).
import { parseArgs } from "node:util";
import { partLog } from "../../scripts/lib/parts";
import { percentile } from "../drain/count";
import { startPipeline } from "../drain/harness";

const { values } = parseArgs({
  options: {
    events: { type: "string", default: "40" },
    "gap-ms": { type: "string", default: "300" },
    seed: { type: "string", default: "bench-latency" },
    "timeout-ms": { type: "string", default: "30000" },
  },
});
const events = Number(values.events);
const log = partLog("bench");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (n: number) => Math.round(n);

const pipeline = await startPipeline({ speed: 1, seed: `${values.seed}-${Date.now()}`, log });
let exitCode = 0;
let lastLine: string | undefined;
try {
  const { db, sim, realmId } = pipeline;
  // When the simulator created each record, in real milliseconds since the epoch ("Entity\nId" -> ms).
  const createdAt = new Map<string, number>();
  const onChange = sim.core.onChange;
  sim.core.onChange = (realm, change) => {
    if (realm === realmId && change.operation === "Create") createdAt.set(`${change.entity}\n${change.id}`, Date.now());
    onChange(realm, change);
  };
  const samples: number[] = [];
  let timedOut = 0;
  let nothingToPost = 0;
  for (let i = 0; i < events; i++) {
    const delivery = pipeline.nextDelivery();
    const eventId = (JSON.parse(delivery.body) as { id: string }).id;
    const sentAt = Date.now();
    const status = await pipeline.send(delivery);
    if (status !== 200) throw new Error(`the app answered ${status} to event ${eventId}`);
    const deadline = sentAt + Number(values["timeout-ms"]);
    let done: number | null | undefined;
    while (done === undefined) {
      const inbound = await db.inboundEvent.findFirst({
        where: { externalId: eventId },
        select: { status: true, canonicalEvents: { select: { status: true, postings: { select: { status: true, crossReference: { select: { entityType: true, entityId: true } } } } } } },
      });
      const canonical = inbound?.canonicalEvents ?? [];
      const postings = canonical.flatMap((c) => c.postings);
      // Each canonical event is either planned into nothing (SKIPPED) or has postings, all in QuickBooks.
      const settled = canonical.every((c) => c.status === "SKIPPED" || (c.postings.length > 0 && c.postings.every((p) => p.status === "POSTED" && p.crossReference)));
      const normalised = inbound !== null && inbound.status !== "RECEIVED";
      if (normalised && settled && postings.length === 0) {
        // Normalised into nothing to post (a customer's details, an ignored type): not a sample.
        done = null;
      } else if (normalised && settled) {
        const times = postings.map((p) => createdAt.get(`${p.crossReference!.entityType}\n${p.crossReference!.entityId}`) ?? Date.now());
        done = Math.max(...times);
      } else if (Date.now() > deadline) {
        done = null;
        timedOut++;
      } else {
        await sleep(5);
      }
    }
    if (done === null) nothingToPost++;
    else samples.push(done - sentAt);
    await sleep(Number(values["gap-ms"]));
  }
  nothingToPost -= timedOut;
  log(`samples ms: ${samples.join(" ")}`);
  lastLine = JSON.stringify({
    events,
    samples: samples.length,
    nothing_to_post: nothingToPost,
    timed_out: timedOut,
    p50_ms: round(percentile(samples, 50)),
    p95_ms: round(percentile(samples, 95)),
    max_ms: round(Math.max(...samples)),
  });
  if (timedOut > 0) exitCode = 1;
} catch (error) {
  log(`failed: ${(error as Error).stack ?? String(error)}`);
  exitCode = 1;
} finally {
  await pipeline.stop();
}
if (lastLine) console.log(lastLine);
process.exit(exitCode);
