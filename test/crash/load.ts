import pg from "pg";
import type { Delivery } from "../../sim/sources";

// The bounded load: signed deliveries posted as Stripe posts them (a few at a time, each retried until it is
// answered 2xx, through crashes and restarts), and what the database says became of each acknowledged one.

export type Load = {
  /** Source event ids answered 2xx. */
  acknowledged: Set<string>;
  /** Answers of any kind so far (refusals and network failures included). */
  answers: () => number;
  done: Promise<void>;
};

export function sendAll(baseUrl: string, deliveries: Delivery[], options: { concurrency: number; deadlineMs: number }): Load {
  const acknowledged = new Set<string>();
  let answers = 0;
  const queue = [...deliveries];
  const deadline = Date.now() + options.deadlineMs;
  const deliver = async (delivery: Delivery) => {
    const id = (JSON.parse(delivery.body) as { id: string }).id;
    while (Date.now() < deadline) {
      try {
        const response = await fetch(`${baseUrl}${delivery.path}`, {
          method: "POST",
          headers: delivery.headers,
          body: delivery.body,
          signal: AbortSignal.timeout(15_000),
        });
        await response.body?.cancel();
        answers += 1;
        if (response.ok) {
          acknowledged.add(id);
          return;
        }
      } catch {
        answers += 1; // refused or cut off: the stack is down, as a sender would find it
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  };
  const worker = async () => {
    for (let delivery = queue.shift(); delivery; delivery = queue.shift()) await deliver(delivery);
  };
  const done = Promise.all(Array.from({ length: options.concurrency }, worker)).then(() => {});
  return { acknowledged, answers: () => answers, done };
}

export type Outcome = { externalId: string; status: string; canonical: number; exceptions: number; sweeps: number };

/** What became of each of `externalIds`: its inbound event's status, canonical events and exceptions. */
export async function outcomes(databaseUrl: string, externalIds: string[]): Promise<Map<string, Outcome[]>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on("error", () => {});
  await client.connect();
  try {
    const { rows } = await client.query<Outcome>(
      `SELECT e."externalId" AS "externalId", e.status::text AS status, e."sweepTries" AS sweeps,
              (SELECT count(*)::int FROM "CanonicalEvent" c WHERE c."inboundEventId" = e.id) AS canonical,
              (SELECT count(*)::int FROM "SyncException" x WHERE x."inboundEventId" = e.id) AS exceptions
         FROM "InboundEvent" e WHERE e."externalId" = ANY($1::text[])`,
      [externalIds],
    );
    const byId = new Map<string, Outcome[]>(externalIds.map((id) => [id, []]));
    for (const row of rows) byId.get(row.externalId)?.push(row);
    return byId;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * The promise of issue 19 for one acknowledged event: stored once, and either normalised into exactly one
 * canonical event, ignored (nothing to book, no canonical event), or FAILED with an exception to act on.
 */
export function settled(found: Outcome[]): boolean {
  if (found.length !== 1) return false;
  const [event] = found as [Outcome];
  if (event.status === "NORMALISED") return event.canonical === 1;
  if (event.status === "IGNORED") return event.canonical === 0;
  if (event.status === "FAILED") return event.exceptions >= 1;
  return false;
}
