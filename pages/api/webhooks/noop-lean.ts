import type { IncomingMessage, ServerResponse } from "node:http";

// The benchmark's second reference (bench/ingest): a Pages API route that reads the body and does nothing, the
// ceiling of the lean path the webhook routes take. Like app/api/webhooks/noop it exists only when
// LEDGERWIRE_BENCH=1; otherwise it is a 404 like any unknown path.
export const config = { api: { bodyParser: false } };

export default async function handler(req: IncomingMessage, res: ServerResponse): Promise<void> {
  for await (const chunk of req) void chunk;
  const bench = process.env.LEDGERWIRE_BENCH === "1";
  const text = JSON.stringify(bench ? { received: true } : { code: "NOT_FOUND", message: "There is nothing here." });
  res.writeHead(bench ? 200 : 404, { "content-type": "application/json" }).end(text);
}
